package org.consultationtracker.eventstore.verify;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.BsonArray;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.consultationtracker.eventstore.conformance.StoreUnderTest;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.CommitHasher;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.eventstore.verify.ChainBreak.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The verifier passes an untouched store and reports every break, in position order and with its kind, after edits,
 * deletions and reorders, walking on to the head.
 */
class ChainVerifierTest {

    private static StoreUnderTest store;
    private MongoDatabase database;
    private MongoCollection<BsonDocument> commits;

    record Quote(String text) {
    }

    @BeforeAll
    static void startStore() {
        store = new StoreUnderTest();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    /** Positions 1..9: conversation A gets commits at 1, 3-4, 7; conversation B at 2, 5-6, 8-9. */
    @BeforeEach
    void fillStore() {
        database = store.freshDatabase();
        commits = database.getCollection("commits", BsonDocument.class);
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(EventSerialization.serializer())
                .snapshotSerializer(EventSerialization.serializer())
                .build();
        engine.appendEvents(quote("A", 0));
        engine.appendEvents(quote("B", 0));
        engine.appendEvents(quote("A", 1), quote("A", 2));
        engine.appendEvents(quote("B", 1), quote("B", 2));
        engine.appendEvents(quote("A", 3));
        engine.appendEvents(quote("B", 3), quote("B", 4));
    }

    private static GenericDomainEventMessage<Quote> quote(String conversation, long sequence) {
        return new GenericDomainEventMessage<>("Conversation", conversation, sequence,
                                               new Quote("words " + sequence + " in " + conversation),
                                               MetaData.from(Map.of("actor", "notetaker")));
    }

    private VerificationReport verify() {
        return new ChainVerifier(database).verify();
    }

    private void edit(long id, String text) {
        commits.updateOne(eq("_id", id), Updates.set("events.0.payload.text", text));
    }

    /** What a tamperer who knows the hash scheme does: edits a commit and stores the hash of the edited bytes. */
    private void editAndRehash(long id, String text) {
        BsonDocument commit = commits.find(eq("_id", id)).first();
        commit.getArray("events").get(0).asDocument().getDocument("payload").put("text", new BsonString(text));
        commit.put("hash", new BsonString(CommitHasher.hashOfStored(new RawBsonDocument(commit, new BsonDocumentCodec()))));
        commits.replaceOne(eq("_id", id), commit);
    }

    @Test
    void untouchedStoreVerifies() {
        VerificationReport report = verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.breaks()).isEmpty();
        assertThat(report.breakCount()).isZero();
        assertThat(report.firstBreak()).isEmpty();
        assertThat(report.commitsRead()).isEqualTo(6);
        assertThat(report.commitsVerified()).isEqualTo(6);
        assertThat(report.eventsVerified()).isEqualTo(9);
        assertThat(report.headPosition()).isEqualTo(9);
        assertThat(report.summary()).startsWith("All 6 commits (9 events) verify");
    }

    @Test
    void aCommitSpanningSeveralWindowsOfTheWalkIsCheckedOnce() {
        MongoDatabase large = store.freshDatabase();
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                .database(large)
                .eventSerializer(EventSerialization.serializer())
                .snapshotSerializer(EventSerialization.serializer())
                .build();
        engine.appendEvents(quote("A", 0));
        List<GenericDomainEventMessage<Quote>> unitOfWork = new ArrayList<>();
        for (long sequence = 1; sequence <= 1_200; sequence++) {
            unitOfWork.add(quote("A", sequence));
        }
        engine.appendEvents(unitOfWork);
        engine.appendEvents(quote("A", 1_201));
        VerificationReport report = new ChainVerifier(large).verify();
        assertThat(report.breaks()).isEmpty();
        assertThat(report.commitsVerified()).isEqualTo(3);
        assertThat(report.eventsVerified()).isEqualTo(1_202);
        assertThat(report.headPosition()).isEqualTo(1_202);
    }

    @Test
    void everyCommitCarriesTheHashOfItsStoredBytesUnderScheme2() {
        for (RawBsonDocument commit : database.getCollection("commits", RawBsonDocument.class).find()) {
            assertThat(commit.getInt32("hashScheme").getValue()).isEqualTo(2);
            assertThat(commit.getString("hash").getValue()).isEqualTo(CommitHasher.hashOfStored(commit));
        }
    }

    @Test
    void editedEventIsNamed() {
        edit(5, "words we wish they had said");
        VerificationReport report = verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(5L, "B", Kind.EDITED));
        assertThat(report.firstBreak().orElseThrow().reason()).contains("no longer matches its hash");
        assertThat(report.commitsVerified()).isEqualTo(5);
        assertThat(report.summary()).startsWith("BROKEN: 1 break, the first EDITED at position 5 (aggregate B)");
    }

    @Test
    void editedAndRehashedCommitBreaksTheNextLinkOfItsAggregate() {
        editAndRehash(3, "rewritten");
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(7L, "A", Kind.LINK_MISMATCH));
        assertThat(report.firstBreak().orElseThrow().reason()).contains("does not match");
    }

    @Test
    void deletedCommitIsNamedByItsEmptyPositionsAndTheNextLinkOfItsAggregate() {
        commits.deleteOne(eq("_id", 3L));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(3L, null, Kind.POSITION_EMPTY),
                                                    tuple(7L, "A", Kind.SEQUENCE_GAP));
        assertThat(report.breaks().get(0).reason()).contains("positions 3-4 were allocated")
                                                   .contains("neither a commit nor a void marker");
        assertThat(report.breaks().get(1).reason()).contains("sequence 3 follows 0");
    }

    @Test
    void deletedLastCommitOfAnAggregateIsNamedByItsEmptyPosition() {
        commits.deleteOne(eq("_id", 8L));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                   .containsExactly(tuple(8L, Kind.POSITION_EMPTY));
        assertThat(report.firstBreak().orElseThrow().reason()).contains("neither a commit nor a void marker");
    }

    @Test
    void deletedEventInsideACommitIsNamed() {
        commits.updateOne(eq("_id", 5L), Updates.popFirst("events"));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                   .containsExactly(tuple(5L, Kind.EVENTS_CHANGED));
        assertThat(report.firstBreak().orElseThrow().reason()).contains("1 events for 2 positions");
    }

    @Test
    void reorderedEventsInsideACommitAreNamed() {
        BsonDocument commit = commits.find(eq("_id", 3L)).first();
        BsonArray events = commit.getArray("events");
        BsonArray swapped = new BsonArray();
        swapped.add(events.get(1));
        swapped.add(events.get(0));
        commits.updateOne(eq("_id", 3L), Updates.set("events", swapped));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                   .containsExactly(tuple(3L, Kind.EVENTS_CHANGED));
        assertThat(report.firstBreak().orElseThrow().reason()).contains("reordered");
    }

    @Test
    void reorderedPositionsInsideACommitAreNamed() {
        commits.updateOne(eq("_id", 3L), Updates.set("positions", new BsonArray(List.of(new BsonInt64(4), new BsonInt64(3)))));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                   .containsExactly(tuple(3L, Kind.POSITIONS_REORDERED));
    }

    @Test
    void commitsSwappedBetweenPositionsAreNamed() {
        BsonDocument first = commits.find(eq("_id", 1L)).first();
        BsonDocument second = commits.find(eq("_id", 2L)).first();
        commits.deleteOne(eq("_id", 1L));
        commits.deleteOne(eq("_id", 2L));
        BsonDocument movedFirst = second.clone();
        movedFirst.put("_id", first.get("_id"));
        movedFirst.put("positions", first.get("positions"));
        BsonDocument movedSecond = first.clone();
        movedSecond.put("_id", second.get("_id"));
        movedSecond.put("positions", second.get("positions"));
        commits.insertOne(movedFirst);
        commits.insertOne(movedSecond);
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(1L, "B", Kind.EDITED), tuple(2L, "A", Kind.EDITED));
    }

    @Test
    void editsInTwoAggregatesAreBothReportedAndTheWalkReachesTheHead() {
        edit(3, "not what was said");
        edit(8, "nor this");
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(3L, "A", Kind.EDITED), tuple(8L, "B", Kind.EDITED));
        assertThat(report.breakCount()).isEqualTo(2);
        assertThat(report.commitsRead()).isEqualTo(6);
        assertThat(report.commitsVerified()).isEqualTo(4);
        assertThat(report.eventsVerified()).isEqualTo(5);
        assertThat(report.headPosition()).isEqualTo(9);
    }

    @Test
    void anEditFollowedByADeletedCommitAreBothReportedInOrder() {
        edit(1, "rewritten opening");
        commits.deleteOne(eq("_id", 5L));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(1L, "A", Kind.EDITED),
                                                    tuple(5L, null, Kind.POSITION_EMPTY),
                                                    tuple(8L, "B", Kind.SEQUENCE_GAP));
    }

    @Test
    void aRehashedEditDoesNotHideALaterEdit() {
        editAndRehash(3, "rewritten");
        edit(8, "also rewritten");
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(7L, "A", Kind.LINK_MISMATCH), tuple(8L, "B", Kind.EDITED));
    }

    @Test
    void missingHashIsNamedOnceAndTheChainGoesOn() {
        commits.updateOne(eq("_id", 5L), Updates.unset("hash"));
        edit(7, "changed later");
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(5L, "B", Kind.MISSING_HASH), tuple(7L, "A", Kind.EDITED));
    }

    @Test
    void deletedFirstCommitOfAnAggregateIsNamedAsAMissingHistoryStart() {
        commits.deleteOne(eq("_id", 2L));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(2L, null, Kind.POSITION_EMPTY),
                                                    tuple(5L, "B", Kind.HISTORY_START_MISSING));
    }

    @Test
    void aCommitMarkedVoidIsNamed() {
        commits.updateOne(eq("_id", 8L), Updates.set("void", BsonBoolean.TRUE));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(8L, "B", Kind.EVENTS_CHANGED));
        assertThat(report.firstBreak().orElseThrow().reason()).contains("marked void");
    }

    @Test
    void aDocumentThatIsNoLongerACommitIsNamedAndTheWalkGoesOn() {
        commits.updateOne(eq("_id", 3L), Updates.set("events", new BsonString("gone")));
        edit(8, "changed");
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                   .containsExactly(tuple(3L, Kind.MALFORMED), tuple(7L, Kind.SEQUENCE_GAP),
                                                    tuple(8L, Kind.EDITED));
    }

    @Test
    void unknownHashSchemeIsNamed() {
        commits.updateOne(eq("_id", 5L), Updates.set("hashScheme", 3));
        VerificationReport report = verify();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                   .containsExactly(tuple(5L, Kind.UNKNOWN_HASH_SCHEME));
        assertThat(report.firstBreak().orElseThrow().reason()).contains("hash scheme 3,");
    }

    @Test
    void breaksBeyondTheHeldNumberAreCountedAndTheHeldOnesAreTheFirstInPositionOrder() {
        edit(1, "one");
        edit(3, "two");
        commits.deleteOne(eq("_id", 5L)); // empty 5-6, and B's next commit at 8 no longer follows
        VerificationReport twoHeld = new ChainVerifier(database, "commits", "sequences", 2).verify();
        assertThat(twoHeld.breaks()).extracting(ChainBreak::position).containsExactly(1L, 3L);
        assertThat(twoHeld.breakCount()).isEqualTo(4);
        assertThat(twoHeld.breaksNotHeld()).isEqualTo(2);
        assertThat(twoHeld.summary()).startsWith("BROKEN: 4 breaks").endsWith("the first 2 breaks are listed");

        VerificationReport threeHeld = new ChainVerifier(database, "commits", "sequences", 3).verify();
        assertThat(threeHeld.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                      .containsExactly(tuple(1L, Kind.EDITED), tuple(3L, Kind.EDITED),
                                                       tuple(5L, Kind.POSITION_EMPTY));
        assertThat(threeHeld.breakCount()).isEqualTo(4);
    }

    // ------------------------------------------------------------------------------- stores written before scheme 2

    @Test
    void storeWrittenUnderScheme1VerifiesAsBefore() {
        rewriteAsSchemeOne(Map.of());
        assertThat(commits.countDocuments(Filters.exists("hashScheme"))).isZero();
        VerificationReport report = verify();
        assertThat(report.intact()).as(report.summary()).isTrue();
        assertThat(report.commitsVerified()).isEqualTo(6);
    }

    @Test
    void scheme1CommitWhoseLoneSurrogateTheStoreReplacedIsNamedAsLegacyAndALaterEditIsStillFound() {
        String written = rewriteAsSchemeOne(Map.of(3L, "she said \ud800 then stopped")).get(3L);
        String stored = commits.find(eq("_id", 3L)).first().getArray("events").get(0).asDocument()
                               .getDocument("payload").getString("text").getValue();
        assertThat(stored).as("the server keeps U+FFFD where the bytes were not UTF-8")
                          .isNotEqualTo("she said \ud800 then stopped").contains("\uFFFD");
        assertThat(written).isEqualTo(commits.find(eq("_id", 3L)).first().getString("hash").getValue());

        VerificationReport untouched = verify();
        assertThat(untouched.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                      .containsExactly(tuple(3L, "A", Kind.LEGACY_ENCODING));

        edit(8, "rewritten after the legacy commit");
        VerificationReport edited = verify();
        assertThat(edited.breaks()).extracting(ChainBreak::position, ChainBreak::aggregateId, ChainBreak::kind)
                                   .containsExactly(tuple(3L, "A", Kind.LEGACY_ENCODING),
                                                    tuple(8L, "B", Kind.EDITED));
        assertThat(edited.headPosition()).isEqualTo(9);
    }

    @Test
    void scheme1CommitEditedToHoldReplacementCharactersIsStillABreak() {
        rewriteAsSchemeOne(Map.of());
        edit(5, "text with \uFFFD");
        VerificationReport report = verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                   .containsExactly(tuple(5L, Kind.LEGACY_ENCODING));
    }

    @Test
    void scheme2CommitStrippedOfItsSchemeAndEditedIsStillABreak() {
        commits.updateOne(eq("_id", 5L), Updates.combine(Updates.unset("hashScheme"),
                                                         Updates.set("events.0.payload.text", "text with \uFFFD")));
        VerificationReport report = verify();
        // Judged under scheme 1 it looks like the old encoding defect, which an edit cannot be told apart from; the
        // kind says so, and it is a break all the same.
        assertThat(report.breaks()).extracting(ChainBreak::position, ChainBreak::kind)
                                   .containsExactly(tuple(5L, Kind.LEGACY_ENCODING));
        assertThat(report.intact()).isFalse();
    }

    /**
     * Rewrites every commit the way the engine wrote it before scheme 2: no hashScheme field, and the hash computed
     * over the driver's BSON encoding of the document in memory, chained per aggregate. {@code texts} replaces the
     * first event's payload text of a commit before it is hashed; a lone surrogate in it is encoded as the bytes
     * ED A0 80 (not UTF-8), hashed so, and sent to the server, which stores what it makes of them. Returns the hash
     * each commit was written with.
     */
    private Map<Long, String> rewriteAsSchemeOne(Map<Long, String> texts) {
        Map<String, String> lastHash = new HashMap<>();
        Map<Long, String> written = new HashMap<>();
        List<BsonDocument> all = commits.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        for (BsonDocument commit : all) {
            long id = commit.getInt64("_id").getValue();
            commit.remove("hashScheme");
            commit.remove("hash");
            if (texts.containsKey(id)) {
                commit.getArray("events").get(0).asDocument().getDocument("payload")
                      .put("text", new BsonString(texts.get(id)));
            }
            for (BsonValue value : commit.getArray("chain")) {
                BsonDocument link = value.asDocument();
                if (!link.get("previousHash").isNull()) {
                    link.put("previousHash", new BsonString(lastHash.get(link.getString("aggregateId").getValue())));
                }
            }
            byte[] bytes = encode(commit);
            if (texts.getOrDefault(id, "").contains("\ud800")) {
                assertThat(HexFormat.of().formatHex(bytes)).as("the writer's bytes for a lone surrogate")
                                                          .contains("eda080");
            }
            String hash = sha256(bytes);
            assertThat(hash).isEqualTo(CommitHasher.schemeOneHash(commit));
            commit.append("hash", new BsonString(hash));
            commits.replaceOne(eq("_id", id), commit);
            for (BsonValue value : commit.getArray("chain")) {
                lastHash.put(value.asDocument().getString("aggregateId").getValue(), hash);
            }
            written.put(id, hash);
        }
        return written;
    }

    private static byte[] encode(BsonDocument document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(buffer), document, EncoderContext.builder().build());
        return Arrays.copyOf(buffer.getInternalBuffer(), buffer.getPosition());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
