package org.consultationtracker.benchmarks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.consultationtracker.eventstore.engine.CommitLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.in;

/**
 * What no rebuild can beat on this server (issue 11, part D): the raw driver reading every commit as the engine reads
 * them ({@code _id $in} windows of positions, each window starting after the last position read), plus inserting the
 * finished read-model documents: every document of the newest generation of each read-model collection (the one the
 * rebuild just wrote), copied into fresh collections with unordered {@code insertMany} of 1,000 on two threads, as
 * the rebuild's two writers do. Nothing is deserialised or applied. The copies are dropped afterwards.
 */
record ReplayFloor(long events, double readSeconds, long documents, int collections, double insertSeconds) {

    static final int WINDOW = 100;
    private static final Pattern GENERATION = Pattern.compile("^(.+)_g(\\d+)$");

    double seconds() {
        return readSeconds + insertSeconds;
    }

    static ReplayFloor measure(MongoDatabase database) throws InterruptedException {
        MongoCollection<BsonDocument> commits = database.getCollection(CommitLayout.COMMITS_COLLECTION,
                                                                       BsonDocument.class);
        long start = System.nanoTime();
        long events = readAll(commits);
        double readSeconds = (System.nanoTime() - start) / 1e9;

        // The newest generation of each collection is the rebuilt one (older ones are dropped when it is served).
        Map<String, Long> newest = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            Matcher matcher = GENERATION.matcher(name);
            if (matcher.matches()) {
                newest.merge(matcher.group(1), Long.parseLong(matcher.group(2)), Math::max);
            }
        }
        List<Map.Entry<String, List<RawBsonDocument>>> batches = new ArrayList<>();
        long documents = 0;
        for (Map.Entry<String, Long> collection : newest.entrySet()) {
            List<RawBsonDocument> all = database.getCollection(collection.getKey() + "_g" + collection.getValue(),
                                                               RawBsonDocument.class)
                                                .find().batchSize(1000).into(new ArrayList<>());
            documents += all.size();
            for (int i = 0; i < all.size(); i += 1000) {
                batches.add(Map.entry("floor_" + collection.getKey(), all.subList(i, Math.min(all.size(), i + 1000))));
            }
        }
        AtomicInteger next = new AtomicInteger();
        Runnable insert = () -> {
            for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                database.getCollection(batches.get(i).getKey(), RawBsonDocument.class)
                        .insertMany(batches.get(i).getValue(), new InsertManyOptions().ordered(false));
            }
        };
        long insertStart = System.nanoTime();
        Thread second = new Thread(insert, "floor-writer");
        second.start();
        insert.run();
        second.join();
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        batches.stream().map(Map.Entry::getKey).distinct().forEach(name -> database.getCollection(name).drop());
        return new ReplayFloor(events, readSeconds, documents, newest.size(), insertSeconds);
    }

    /** Every stored event, window after window of positions, touching each payload as a reader would. */
    private static long readAll(MongoCollection<BsonDocument> commits) {
        long events = 0;
        long next = 0;
        int emptyWindows = 0;
        while (emptyWindows < 2) {
            List<Long> ids = new ArrayList<>(WINDOW);
            for (long p = next; p < next + WINDOW; p++) {
                ids.add(p);
            }
            long last = -1;
            for (BsonDocument commit : commits.find(in(CommitLayout.ID, ids))) {
                BsonArray positions = commit.getArray(CommitLayout.POSITIONS);
                last = Math.max(last, positions.get(positions.size() - 1).asNumber().longValue());
                if (!commit.getBoolean(CommitLayout.VOID, BsonBoolean.FALSE).getValue()) {
                    BsonArray stored = commit.getArray(CommitLayout.EVENTS);
                    for (int i = 0; i < stored.size(); i++) {
                        stored.get(i).asDocument().getDocument(CommitLayout.PAYLOAD);
                        events++;
                    }
                }
            }
            if (last < 0) {
                // Positions may start at 0 or 1, and a window may fall in a gap: give up after two empty windows.
                emptyWindows++;
                next += WINDOW;
            } else {
                emptyWindows = 0;
                next = last + 1;
            }
        }
        return events;
    }
}
