package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.consultationtracker.command.InMemoryMongo;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The service's event store engine and lookup collection on one database of an in-memory MongoDB-compatible server,
 * as several command-side instances would share them.
 */
final class StoreWithLookup implements AutoCloseable {

    private final InMemoryMongo mongo = new InMemoryMongo();
    final MongoDatabase database = mongo.database("lookup-test");
    final MongoCommitStorageEngine engine;

    StoreWithLookup(Duration gapTimeout) {
        this.engine = engine(database, gapTimeout);
    }

    static MongoCommitStorageEngine engine(MongoDatabase database, Duration gapTimeout) {
        return MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(EventSerialization.serializer())
                .snapshotSerializer(EventSerialization.serializer())
                .gapTimeout(gapTimeout)
                .build();
    }

    /** Appends the payloads as one unit of work, as a command would; nothing writes the lookup. */
    void append(Object... payloads) {
        List<EventMessage<?>> events = Arrays.stream(payloads)
                .<EventMessage<?>>map(GenericEventMessage::asEventMessage)
                .toList();
        engine.appendEvents(events);
    }

    /** Hands out a position that no commit will ever fill, as a writer that died between the two would. */
    void allocateWithoutWriting() {
        database.getCollection(CommitLayout.SEQUENCES_COLLECTION).updateOne(
                Filters.eq(CommitLayout.ID, CommitLayout.COUNTER_ID), new Document("$inc",
                        new Document(CommitLayout.COUNTER_LAST, 1L)));
    }

    long head() {
        Document counter = database.getCollection(CommitLayout.SEQUENCES_COLLECTION)
                .find(Filters.eq(CommitLayout.ID, CommitLayout.COUNTER_ID)).first();
        return counter == null ? 0L : counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
    }

    MongoLookupStore lookupStore() {
        return new MongoLookupStore(database);
    }

    LookupCatchUp catchUp(LookupStore store, Duration maxWait) {
        return new LookupCatchUp(engine, database, store, maxWait, new AggregateCache(100));
    }

    LookupCatchUp catchUp(LookupStore store, Duration maxWait, int windowEvents) {
        return new LookupCatchUp(engine, database, store, maxWait, new AggregateCache(100), windowEvents);
    }

    /** The raw lookup document, tombstones included. */
    Optional<Document> rawEntry(String key) {
        return Optional.ofNullable(database.getCollection(MongoLookupStore.COLLECTION)
                .find(Filters.eq("_id", key)).first());
    }

    @Override
    public void close() {
        mongo.close();
    }
}
