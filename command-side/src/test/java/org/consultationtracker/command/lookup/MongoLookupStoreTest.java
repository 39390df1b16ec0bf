package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.command.InMemoryMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Entries record the position of the last event applied to them, and take only later ones. */
class MongoLookupStoreTest {

    private InMemoryMongo mongo;
    private MongoDatabase database;
    private MongoLookupStore store;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        database = mongo.database("lookup-store-test");
        store = new MongoLookupStore(database);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void aWriteOfAnEarlierEventLeavesALaterEntryAsItIs() {
        store.merge("round:create:1", new Document("status", "CLOSED"), 7);

        store.merge("round:create:1", new Document("status", "OPEN"), 5);
        store.merge("round:create:1", new Document("status", "OPEN"), 7);

        assertThat(store.find("round:create:1")).get()
                .satisfies(entry -> assertThat(entry.getString("status")).isEqualTo("CLOSED"))
                .satisfies(entry -> assertThat(entry.get(MongoLookupStore.POSITION, Number.class).longValue())
                        .isEqualTo(7));
    }

    @Test
    void aWriteOfALaterEventMergesIntoTheEntry() {
        store.merge("conversation:m-1", new Document("room", "room-1").append("started", false), 3);

        store.merge("conversation:m-1", new Document("started", true), 4);

        assertThat(store.find("conversation:m-1")).get()
                .satisfies(entry -> assertThat(entry.getString("room")).isEqualTo("room-1"))
                .satisfies(entry -> assertThat(entry.getBoolean("started")).isTrue());
    }

    @Test
    void aDeletionLeavesATombstoneThatReadersDoNotSeeAndEarlierEventsDoNotRevive() {
        store.merge("conversation:p-3", new Document("room", "room-2"), 2);
        store.delete("conversation:p-3", 9);

        store.merge("conversation:p-3", new Document("room", "room-2"), 2);
        store.merge("conversation:p-3", new Document("room", "room-1"), 8);

        assertThat(store.find("conversation:p-3")).isEmpty();
        assertThat(database.getCollection(MongoLookupStore.COLLECTION).countDocuments(
                new Document("_id", "conversation:p-3").append(MongoLookupStore.DELETED, true))).isEqualTo(1);
    }

    @Test
    void aDeletionOfAnEntryNeverWrittenStillLeavesATombstone() {
        store.delete("conversation:p-3", 9);

        store.merge("conversation:p-3", new Document("room", "room-2"), 4);

        assertThat(store.find("conversation:p-3")).isEmpty();
    }

    @Test
    void aLaterEventAfterADeletionStartsTheEntryAfresh() {
        store.merge("whereabouts:create:1:dan", new Document("conversationId", "m-1").append("note", "old"), 3);
        store.delete("whereabouts:create:1:dan", 5);

        store.merge("whereabouts:create:1:dan", new Document("conversationId", "p-3"), 6);

        Document entry = store.find("whereabouts:create:1:dan").orElseThrow();
        assertThat(entry.getString("conversationId")).isEqualTo("p-3");
        assertThat(entry.containsKey("note")).isFalse();
        assertThat(entry.containsKey(MongoLookupStore.DELETED)).isFalse();
    }

    @Test
    void anEntryWrittenBeforePositionsWereRecordedTakesAnyWrite() {
        database.getCollection(MongoLookupStore.COLLECTION).insertOne(new Document("_id", "round:create:1")
                .append("status", "OPEN"));

        store.merge("round:create:1", new Document("status", "CLOSED"), 1);

        assertThat(store.find("round:create:1").map(entry -> entry.getString("status"))).contains("CLOSED");
    }

    @Test
    void theCheckpointOnlyRises() {
        assertThat(store.checkpoint()).isZero();

        store.advanceCheckpoint(12);
        store.advanceCheckpoint(4);

        assertThat(store.checkpoint()).isEqualTo(12);
    }

    /**
     * A window's changes written at once leave exactly what writing them one by one leaves, over entries that are
     * missing, behind, in the middle of the window (another instance got further), ahead of it, deleted, or written
     * before positions were recorded; and writing the same window again changes nothing.
     */
    @Test
    void aWindowWrittenAtOnceLeavesWhatWritingItsChangesOneByOneLeaves() {
        MongoLookupStore oneByOne = new MongoLookupStore(mongo.database("lookup-store-test-one-by-one"));
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            List<String> keys = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                keys.add("entry:" + round + ":" + k);
            }
            // What the entries hold before the window: written by events up to position 100.
            for (String key : keys) {
                int before = random.nextInt(5);
                if (before == 1) {
                    long at = 1 + random.nextInt(100);
                    store.merge(key, new Document("a", "old").append("b", 1), at);
                    oneByOne.merge(key, new Document("a", "old").append("b", 1), at);
                } else if (before == 2) {
                    long at = 1 + random.nextInt(100);
                    store.delete(key, at);
                    oneByOne.delete(key, at);
                } else if (before == 3) {
                    for (MongoDatabase target : List.of(database, mongo.database("lookup-store-test-one-by-one"))) {
                        target.getCollection(MongoLookupStore.COLLECTION).insertOne(new Document("_id", key)
                                .append("a", "unversioned"));
                    }
                }
            }
            // The window: changes at positions 50..149, in position order, several per key.
            Map<String, List<EntryChange>> window = new LinkedHashMap<>();
            for (long position = 50; position < 150; position++) {
                String key = keys.get(random.nextInt(keys.size()));
                EntryChange change = random.nextInt(4) == 0 ? EntryChange.delete(position)
                        : EntryChange.merge(new Document(random.nextBoolean() ? "a" : "c", "at " + position), position);
                window.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
                if (change.deletes()) {
                    oneByOne.delete(key, position);
                } else {
                    oneByOne.merge(key, change.fields(), position);
                }
            }

            store.writeAll(window);
            Map<String, Document> once = raw(database);
            store.writeAll(window);

            assertThat(once).as("round %d", round).isEqualTo(raw(mongo.database("lookup-store-test-one-by-one")));
            assertThat(raw(database)).as("round %d, written again", round).isEqualTo(once);
        }
    }

    private static Map<String, Document> raw(MongoDatabase database) {
        Map<String, Document> entries = new TreeMap<>();
        for (Document entry : database.getCollection(MongoLookupStore.COLLECTION).find()) {
            entries.put(entry.getString("_id"), new Document(new TreeMap<>(entry)));
        }
        return entries;
    }
}
