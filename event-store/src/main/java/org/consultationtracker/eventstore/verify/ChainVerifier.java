package org.consultationtracker.eventstore.verify;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.consultationtracker.eventstore.engine.CommitHasher;
import org.consultationtracker.eventstore.engine.CommitWindows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.eq;
import static org.consultationtracker.eventstore.engine.CommitLayout.*;

/**
 * Walks the whole store in position order and checks that every commit still hashes to the hash it was stored with,
 * that each aggregate's commits chain to one another without a hole, and that no position below the head has
 * vanished. Reports the first broken link, or that all commits verify.
 */
public class ChainVerifier {

    private static final int WINDOW = 500;

    private final MongoCollection<BsonDocument> commits;
    private final MongoCollection<Document> sequences;

    public ChainVerifier(MongoDatabase database) {
        this(database, COMMITS_COLLECTION, SEQUENCES_COLLECTION);
    }

    public ChainVerifier(MongoDatabase database, String commitsCollection, String sequencesCollection) {
        this.commits = database.getCollection(commitsCollection, BsonDocument.class);
        this.sequences = database.getCollection(sequencesCollection);
    }

    public VerificationReport verify() {
        Document counter = sequences.find(eq(ID, COUNTER_ID)).first();
        long head = counter == null ? 0 : counter.get(COUNTER_LAST, Number.class).longValue();
        Map<String, Link> heads = new HashMap<>();
        long commitCount = 0;
        long eventCount = 0;
        long voidCount = 0;
        List<Long> missing = new ArrayList<>();
        for (long from = 1; from <= head; from += WINDOW) {
            TreeMap<Long, BsonDocument> window = readWindow(from, Math.min(head, from + WINDOW - 1));
            for (long position = from; position <= Math.min(head, from + WINDOW - 1); position++) {
                BsonDocument commit = window.get(position);
                if (commit == null) {
                    missing.add(position);
                    continue;
                }
                if (commit.getInt64(ID).getValue() != position) {
                    continue; // a later position of a commit already checked at its first position
                }
                if (commit.getBoolean(VOID, BsonBoolean.FALSE).getValue()) {
                    voidCount++;
                    continue;
                }
                Optional<ChainBreak> broken = check(position, commit, heads);
                if (broken.isPresent()) {
                    return new VerificationReport(commitCount, eventCount, voidCount, head, broken);
                }
                commitCount++;
                eventCount += commit.getArray(EVENTS).size();
            }
        }
        // A position read empty may belong to a writer that was still in flight during the walk: look once more.
        for (long position : missing) {
            if (commits.find(eq(POSITIONS, position)).first() == null) {
                return new VerificationReport(commitCount, eventCount, voidCount, head, Optional.of(new ChainBreak(
                        position, null, "the position was allocated but holds neither a commit nor a void marker: "
                                + "a commit was deleted (or a writer is still in flight; re-run to confirm)")));
            }
        }
        return new VerificationReport(commitCount, eventCount, voidCount, head, Optional.empty());
    }

    private TreeMap<Long, BsonDocument> readWindow(long from, long to) {
        TreeMap<Long, BsonDocument> byPosition = new TreeMap<>();
        for (BsonDocument commit : CommitWindows.covering(commits, from, (int) (to - from + 1))) {
            for (BsonValue position : commit.getArray(POSITIONS)) {
                byPosition.put(position.asInt64().getValue(), commit);
            }
        }
        return byPosition;
    }

    private Optional<ChainBreak> check(long position, BsonDocument commit, Map<String, Link> heads) {
        BsonArray positions = commit.getArray(POSITIONS);
        BsonArray events = commit.getArray(EVENTS);
        if (positions.size() != events.size()) {
            return broken(position, null, "the commit holds " + events.size() + " events for " + positions.size()
                    + " positions: an event was removed or added");
        }
        for (int i = 0; i < positions.size(); i++) {
            if (positions.get(i).asInt64().getValue() != position + i) {
                return broken(position, null, "the commit's positions are not consecutive: they were reordered");
            }
        }
        if (!commit.containsKey(HASH)) {
            return broken(position, null, "the commit has no hash");
        }
        String stored = commit.getString(HASH).getValue();
        if (!stored.equals(CommitHasher.schemeOneHash(commit))) {
            return broken(position, null, "the stored content no longer matches its hash: it was edited, "
                    + "or events were removed or reordered");
        }
        if (!commit.containsKey(CHAIN)) {
            return Optional.empty();
        }
        for (BsonValue value : commit.getArray(CHAIN)) {
            BsonDocument link = value.asDocument();
            String aggregateId = link.getString(AGGREGATE_ID).getValue();
            long first = link.getInt64(FIRST_SEQUENCE).getValue();
            long last = link.getInt64(LAST_SEQUENCE).getValue();
            Link previous = heads.get(aggregateId);
            BsonValue previousHash = link.get(PREVIOUS_HASH);
            if (previous == null) {
                if (first != 0 || !previousHash.isNull()) {
                    return broken(position, aggregateId, "the aggregate's history starts at sequence " + first
                            + ": its earlier commits are missing");
                }
            } else {
                if (first != previous.lastSequence() + 1) {
                    return broken(position, aggregateId, "sequence " + first + " follows " + previous.lastSequence()
                            + ": a commit was deleted or reordered");
                }
                if (previousHash.isNull() || !previous.hash().equals(previousHash.asString().getValue())) {
                    return broken(position, aggregateId, "the link to the previous commit (position "
                            + previous.position() + ") does not match: that commit was altered or replaced");
                }
            }
            heads.put(aggregateId, new Link(position, last, stored));
        }
        return Optional.empty();
    }

    private static Optional<ChainBreak> broken(long position, String aggregateId, String reason) {
        return Optional.of(new ChainBreak(position, aggregateId, reason));
    }

    private record Link(long position, long lastSequence, String hash) {
    }
}
