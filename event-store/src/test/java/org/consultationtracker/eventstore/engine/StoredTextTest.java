package org.consultationtracker.eventstore.engine;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.conformance.StoreUnderTest;
import org.consultationtracker.eventstore.verify.ChainVerifier;
import org.consultationtracker.eventstore.verify.VerificationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store keeps exactly the bytes it hashed: text without an exact BSON encoding is refused before anything is
 * stored, without holding readers back, and every valid text, however odd, is stored byte for byte and verifies.
 */
class StoredTextTest {

    private static StoreUnderTest store;

    record Quote(String text) {
    }

    record Tagged(String text, Map<String, String> tags) {
    }

    @BeforeAll
    static void startStore() {
        store = new StoreUnderTest();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    /** A gap timeout far longer than any test: a reader held back by unreleased positions would stay held. */
    private static MongoCommitStorageEngine engine(MongoDatabase database) {
        return MongoCommitStorageEngine.builder()
                                       .database(database)
                                       .eventSerializer(EventSerialization.serializer())
                                       .snapshotSerializer(EventSerialization.serializer())
                                       .gapTimeout(Duration.ofHours(1))
                                       .build();
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence, Object payload,
                                               Map<String, String> metadata) {
        return new GenericDomainEventMessage<>("Conversation", aggregateId, sequence, payload, MetaData.from(metadata));
    }

    private static DomainEventMessage<?> quote(String aggregateId, long sequence, String text) {
        return event(aggregateId, sequence, new Quote(text), Map.of("actor", "notetaker"));
    }

    static Stream<Arguments> unstorable() {
        return Stream.of(
                Arguments.of("a high surrogate alone", new Quote("\ud800"), Map.of(), "payload.text"),
                Arguments.of("a low surrogate alone", new Quote("before \udc00 after"), Map.of(), "payload.text"),
                Arguments.of("a high surrogate ending the text", new Quote("cut off \ud83d"), Map.of(), "payload.text"),
                Arguments.of("a pair in the wrong order", new Quote("\ude00\ud83d"), Map.of(), "payload.text"),
                Arguments.of("a lone surrogate in metadata", new Quote("fine"), Map.of("note", "x\udbff"),
                             "metadata.note"),
                Arguments.of("a NUL in a field name", new Tagged("fine", Map.of("a\u0000b", "v")), Map.of(),
                             "payload.tags.a\u0000b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unstorable")
    void textWithoutAnExactEncodingIsRefusedAndNothingIsStored(String what, Object payload,
                                                                Map<String, String> metadata, String field) {
        MongoDatabase database = store.freshDatabase();
        MongoCommitStorageEngine engine = engine(database);
        engine.appendEvents(quote("A", 0, "said first"));
        TrackingToken afterFirst = engine.readEvents(null, false).reduce((a, b) -> b).orElseThrow().trackingToken();

        DomainEventMessage<?> refused = event("A", 1, payload, metadata);
        assertThatThrownBy(() -> engine.appendEvents(refused, quote("A", 2, "in the same unit of work")))
                .isInstanceOfSatisfying(UnstorableEventException.class, e -> {
                    assertThat(e.getEventIdentifier()).isEqualTo(refused.getIdentifier());
                    assertThat(e.getPayloadType()).isEqualTo(payload.getClass().getName());
                    assertThat(e.getField()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(refused.getIdentifier()).contains(payload.getClass().getName())
                                              .contains("nothing of its unit of work was stored");
                });

        MongoCollection<BsonDocument> commits = database.getCollection("commits", BsonDocument.class);
        assertThat(commits.countDocuments(Filters.exists("events"))).as("only the first commit is stored").isEqualTo(1);
        assertThat(engine.lastSequenceNumberFor("A")).contains(0L);
        assertThat(commits.countDocuments(Filters.eq("void", true))).as("the refused positions were released")
                                                                    .isEqualTo(2);

        DomainEventMessage<?> next = quote("A", 1, "said instead");
        engine.appendEvents(next);
        List<String> read = engine.readEvents(afterFirst, false).map(TrackedEventMessage::getIdentifier).toList();
        assertThat(read).as("a tracking reader reads the next append at once").containsExactly(next.getIdentifier());

        VerificationReport report = new ChainVerifier(database).verify();
        assertThat(report.intact()).as(report.summary()).isTrue();
        assertThat(report.voidPositions()).isEqualTo(2);
    }

    static Stream<Arguments> oddButValid() {
        String megabyte = "é😀ש\u0301".repeat(1 << 18);
        return Stream.of(
                Arguments.of("emoji (surrogate pairs)", "😀 👍🏽 👨‍👩‍👧 🏳️‍🌈 \ud83d\ude00 at the end 😀"),
                Arguments.of("combining marks", "e\u0301 n\u0303 a\u030a Z\u0351\u0359\u0341 \u0301 starts with one"),
                Arguments.of("right-to-left text", "שלום عليكم \u202Eevil\u202C \u200F mixed"),
                Arguments.of("U+FFFD itself", "\uFFFD replacement \uFFFD\uFFFD"),
                Arguments.of("NUL inside a string value", "before\u0000after \u0000"),
                Arguments.of("noncharacters and the highest code point", "\uFFFF \uFFFE \udbff\udfff"),
                Arguments.of("a 1 MB string", megabyte));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddButValid")
    void oddButValidTextIsStoredByteForByteAndVerifies(String what, String text) {
        MongoDatabase database = store.freshDatabase();
        MongoCommitStorageEngine engine = engine(database);
        engine.appendEvents(quote("A", 0, "plain"));
        engine.appendEvents(event("A", 1, new Quote(text), Map.of("actor", text.length() > 1000 ? "long" : text)));

        RawBsonDocument stored = database.getCollection("commits", RawBsonDocument.class).find(eq("_id", 2L)).first();
        assertThat(stored.getInt32("hashScheme").getValue()).isEqualTo(2);
        assertThat(stored.getString("hash").getValue()).as("the stored bytes are the hashed bytes")
                                                       .isEqualTo(CommitHasher.hashOfStored(stored));
        assertThat(engine.readEvents("A").asStream().map(e -> ((Quote) e.getPayload()).text()).toList())
                .containsExactly("plain", text);
        VerificationReport report = new ChainVerifier(database).verify();
        assertThat(report.intact()).as(report.summary()).isTrue();
        assertThat(report.commitsVerified()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddButValid")
    void sealedBytesComeBackFromTheServerUnchanged(String what, String text) {
        BsonDocument content = new BsonDocument("_id", new BsonInt64(1)).append("text", new BsonString(text));
        CommitHasher.Sealed sealed = CommitHasher.seal(content);
        MongoCollection<RawBsonDocument> collection = store.freshDatabase().getCollection("raw", RawBsonDocument.class);
        collection.insertOne(sealed.document());
        RawBsonDocument back = collection.find().first();
        assertThat(bytes(back)).isEqualTo(bytes(sealed.document()));
        assertThat(CommitHasher.hashOfStored(back)).isEqualTo(sealed.hash());
    }

    @Test
    void sealedDocumentIsTheHashedBytesFollowedByTheHashElement() {
        BsonDocument content = new BsonDocument("_id", new BsonInt64(7)).append("text", new BsonString("words"));
        CommitHasher.Sealed sealed = CommitHasher.seal(content);
        byte[] hashed = bytes(new RawBsonDocument(content, new org.bson.codecs.BsonDocumentCodec()));
        byte[] stored = bytes(sealed.document());
        assertThat(Arrays.copyOfRange(stored, 4, hashed.length - 1))
                .as("everything but the length and the terminator is the hashed bytes")
                .isEqualTo(Arrays.copyOfRange(hashed, 4, hashed.length - 1));
        assertThat(sealed.hash()).isEqualTo(CommitHasher.schemeOneHash(content));
        assertThat(sealed.document().getString("hash").getValue()).isEqualTo(sealed.hash());
        assertThat(sealed.document().decode(new org.bson.codecs.BsonDocumentCodec()))
                .isEqualTo(content.clone().append("hash", new BsonString(sealed.hash())));
        assertThat(CommitHasher.hashOfStored(sealed.document())).isEqualTo(sealed.hash());
    }

    @Test
    void sealRefusesTextThatWouldNotComeBackAndNamesItsField() {
        BsonDocument content = new BsonDocument("_id", new BsonInt64(7))
                .append("events", new org.bson.BsonArray(List.of(
                        new BsonDocument("payload", new BsonDocument("text", new BsonString("fine"))),
                        new BsonDocument("payload", new BsonDocument("text", new BsonString("bad \udfff here"))))));
        assertThatThrownBy(() -> CommitHasher.seal(content))
                .isInstanceOfSatisfying(CommitHasher.NotStorable.class, e -> {
                    assertThat(e.field()).isEqualTo("events.1.payload.text");
                    assertThat(e.problem()).contains("lone UTF-16 surrogate").contains("\\uDFFF at index 4");
                });
    }

    @Test
    void sealRefusesAFieldNameWithALoneSurrogate() {
        // Jackson refuses such names while serializing, so only a payload built another way reaches the store.
        BsonDocument content = new BsonDocument("_id", new BsonInt64(7))
                .append("payload", new BsonDocument("k\ud800", new BsonString("v")));
        assertThatThrownBy(() -> CommitHasher.seal(content))
                .isInstanceOfSatisfying(CommitHasher.NotStorable.class, e -> {
                    assertThat(e.field()).isEqualTo("payload.k\ud800");
                    assertThat(e.problem()).startsWith("has a name that contains a lone UTF-16 surrogate");
                });
    }

    private static byte[] bytes(RawBsonDocument document) {
        ByteBuffer buffer = document.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
