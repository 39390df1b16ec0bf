package org.consultationtracker.eventstore.verify;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.consultationtracker.eventstore.conformance.StoreUnderTest;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** The verifier passes an untouched store and names the first broken commit after an edit, deletion or reorder. */
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

    @Test
    void untouchedStoreVerifies() {
        VerificationReport report = verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.commitsVerified()).isEqualTo(6);
        assertThat(report.eventsVerified()).isEqualTo(9);
        assertThat(report.summary()).startsWith("All 6 commits (9 events) verify");
    }

    @Test
    void editedEventIsNamed() {
        commits.updateOne(eq("_id", 5L), Updates.set("events.1.payload.text", "words we wish they had said"));
        VerificationReport report = verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBreak().orElseThrow().position()).isEqualTo(5L);
        assertThat(report.firstBreak().orElseThrow().reason()).contains("no longer matches its hash");
    }

    @Test
    void editedAndRehashedCommitBreaksTheNextLinkOfItsAggregate() {
        BsonDocument commit = commits.find(eq("_id", 3L)).first();
        commit.getArray("events").get(0).asDocument().getDocument("payload").put("text", new org.bson.BsonString("rewritten"));
        commit.put("hash", new org.bson.BsonString(org.consultationtracker.eventstore.engine.CommitHasher.schemeOneHash(commit)));
        commits.replaceOne(eq("_id", 3L), commit);
        ChainBreak broken = verify().firstBreak().orElseThrow();
        assertThat(broken.position()).isEqualTo(7L);
        assertThat(broken.aggregateId()).isEqualTo("A");
        assertThat(broken.reason()).contains("does not match");
    }

    @Test
    void deletedCommitIsNamed() {
        commits.deleteOne(eq("_id", 3L));
        ChainBreak broken = verify().firstBreak().orElseThrow();
        assertThat(broken.position()).isEqualTo(7L);
        assertThat(broken.aggregateId()).isEqualTo("A");
        assertThat(broken.reason()).contains("sequence 3 follows 0");
    }

    @Test
    void deletedLastCommitOfAnAggregateIsNamedByItsEmptyPosition() {
        commits.deleteOne(eq("_id", 8L));
        ChainBreak broken = verify().firstBreak().orElseThrow();
        assertThat(broken.position()).isEqualTo(8L);
        assertThat(broken.reason()).contains("neither a commit nor a void marker");
    }

    @Test
    void deletedEventInsideACommitIsNamed() {
        commits.updateOne(eq("_id", 5L), Updates.popFirst("events"));
        ChainBreak broken = verify().firstBreak().orElseThrow();
        assertThat(broken.position()).isEqualTo(5L);
    }

    @Test
    void reorderedEventsInsideACommitAreNamed() {
        BsonDocument commit = commits.find(eq("_id", 3L)).first();
        BsonArray events = commit.getArray("events");
        BsonArray swapped = new BsonArray();
        swapped.add(events.get(1));
        swapped.add(events.get(0));
        commits.updateOne(eq("_id", 3L), Updates.set("events", swapped));
        ChainBreak broken = verify().firstBreak().orElseThrow();
        assertThat(broken.position()).isEqualTo(3L);
        assertThat(broken.reason()).contains("reordered");
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
        ChainBreak broken = verify().firstBreak().orElseThrow();
        assertThat(broken.position()).isEqualTo(1L);
    }
}
