package org.consultationtracker.eventstore.verify;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.BsonDocument;
import org.consultationtracker.eventstore.conformance.StoreUnderTest;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** The seal of the commit holding an event, found by the event's position, and whether the commit still matches it. */
class CommitSealsTest {

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

    /** Commits: {1}, {2, 3}, {4}. */
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
        engine.appendEvents(quote("A", 1), quote("A", 2));
        engine.appendEvents(quote("B", 0));
    }

    @Test
    void eachPositionGetsTheHashStoredWithItsCommit() {
        Map<Long, CommitSeals.Seal> seals = new CommitSeals(database).of(List.of(1L, 3L, 2L, 4L, 3L));

        assertThat(seals).containsOnlyKeys(1L, 2L, 3L, 4L);
        assertThat(seals.get(2L).commit()).isEqualTo(2L);
        assertThat(seals.get(3L).commit()).isEqualTo(2L);
        assertThat(seals.get(3L).hash()).isEqualTo(seals.get(2L).hash())
                                        .isEqualTo(commits.find(eq("_id", 2L)).first().getString("hash").getValue())
                                        .isNotEqualTo(seals.get(1L).hash());
        assertThat(seals.values()).allSatisfy(seal -> {
            assertThat(seal.verified()).isTrue();
            assertThat(seal.scheme()).isEqualTo(2);
        });
    }

    @Test
    void anAlteredCommitKeepsItsStoredHashButNoLongerVerifies() {
        commits.updateOne(eq("_id", 2L), Updates.set("events.1.payload.text", "words nobody said"));

        Map<Long, CommitSeals.Seal> seals = new CommitSeals(database).of(List.of(1L, 3L));

        assertThat(seals.get(3L).verified()).isFalse();
        assertThat(seals.get(1L).verified()).isTrue();
    }

    @Test
    void positionsNoCommitHoldsAreAbsent() {
        assertThat(new CommitSeals(database).of(List.of(9L))).isEmpty();
        assertThat(new CommitSeals(database).of(List.of())).isEmpty();
    }

    private static GenericDomainEventMessage<Quote> quote(String conversation, long sequence) {
        return new GenericDomainEventMessage<>("Conversation", conversation, sequence,
                                               new Quote("words " + sequence + " in " + conversation),
                                               MetaData.from(Map.of("actor", "notetaker")));
    }
}
