package org.consultationtracker.eventstore.verify;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.consultationtracker.eventstore.engine.CommitHasher;
import org.consultationtracker.eventstore.engine.CommitWindows;
import org.consultationtracker.eventstore.verify.ChainBreak.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;
import static org.consultationtracker.eventstore.engine.CommitLayout.*;

/**
 * Walks the whole store in position order up to the head and checks that every commit's stored bytes still hash to
 * the hash it was stored with, that its events match its positions and stream keys, that each aggregate's commits
 * chain to one another without a hole, and that no position below the head has vanished.
 *
 * <p>It reports every break it finds and keeps going: each aggregate's chain continues from the hash stored in its
 * latest commit, so an edit is reported once, at the edited commit, and tampering further on is still found.
 * Commits are read as raw BSON and hashed without decoding (scheme 2, and scheme 1 wherever it hashed the same
 * bytes); only a scheme-1 commit that does not match that way is decoded and hashed the scheme-1 way.
 */
public class ChainVerifier {

    private static final int WINDOW = 500;
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private final MongoCollection<RawBsonDocument> commits;
    private final MongoCollection<Document> sequences;
    private final int maxBreaksHeld;

    public ChainVerifier(MongoDatabase database) {
        this(database, COMMITS_COLLECTION, SEQUENCES_COLLECTION);
    }

    public ChainVerifier(MongoDatabase database, String commitsCollection, String sequencesCollection) {
        this(database, commitsCollection, sequencesCollection, VerificationReport.MAX_BREAKS_HELD);
    }

    ChainVerifier(MongoDatabase database, String commitsCollection, String sequencesCollection, int maxBreaksHeld) {
        this.commits = database.getCollection(commitsCollection, RawBsonDocument.class);
        this.sequences = database.getCollection(sequencesCollection);
        this.maxBreaksHeld = maxBreaksHeld;
    }

    public VerificationReport verify() {
        Document counter = sequences.find(eq(ID, COUNTER_ID)).first();
        long head = counter == null ? 0 : counter.get(COUNTER_LAST, Number.class).longValue();
        Walk walk = new Walk(maxBreaksHeld);
        Set<BsonValue> checkedBefore = Set.of();
        for (long from = 1; from <= head; from += WINDOW) {
            long to = Math.min(head, from + WINDOW - 1);
            Map<Long, RawBsonDocument> window = readWindow(from, to);
            Set<BsonValue> checked = new HashSet<>();
            for (long position = from; position <= to; position++) {
                RawBsonDocument commit = window.get(position);
                if (commit == null) {
                    walk.empty(position);
                    continue;
                }
                BsonValue id = commit.get(ID);
                boolean checkedInTheWindowBefore = checkedBefore.contains(id);
                if (!checked.add(id) || checkedInTheWindowBefore) {
                    continue; // a later position of a commit already checked at its first position
                }
                walk.check(position, commit);
            }
            checkedBefore = checked;
        }
        return walk.report(head, stillEmpty(walk.emptyRuns));
    }

    private Map<Long, RawBsonDocument> readWindow(long from, long to) {
        Map<Long, RawBsonDocument> byPosition = new HashMap<>();
        for (RawBsonDocument commit : CommitWindows.covering(commits, from, (int) (to - from + 1))) {
            List<Long> positions = claimedPositions(commit);
            positions.forEach(position -> byPosition.put(position, commit));
        }
        return byPosition;
    }

    /** The positions a document claims; if its positions cannot be read, the one its _id names, so it is checked. */
    private static List<Long> claimedPositions(RawBsonDocument commit) {
        List<Long> positions = new ArrayList<>();
        try {
            for (BsonValue position : commit.getArray(POSITIONS)) {
                positions.add(position.asInt64().getValue());
            }
            return positions;
        } catch (RuntimeException unreadable) {
            BsonValue id = commit.get(ID);
            return id != null && id.isNumber() ? List.of(id.asNumber().longValue()) : List.of();
        }
    }

    /**
     * A position read empty may belong to a writer that was still in flight during the walk: look once more. The
     * positions still empty are reported, a run of consecutive ones as one break.
     */
    private List<ChainBreak> stillEmpty(List<long[]> runs) {
        List<ChainBreak> breaks = new ArrayList<>();
        for (long[] run : runs) {
            Set<Long> filled = new HashSet<>();
            for (long from = run[0]; from <= run[1]; from += WINDOW) {
                int count = (int) (Math.min(run[1], from + WINDOW - 1) - from + 1);
                CommitWindows.covering(commits, from, count).forEach(commit -> filled.addAll(claimedPositions(commit)));
            }
            long emptyFrom = -1;
            for (long position = run[0]; position <= run[1] + 1; position++) {
                boolean empty = position <= run[1] && !filled.contains(position);
                if (empty && emptyFrom < 0) {
                    emptyFrom = position;
                } else if (!empty && emptyFrom >= 0) {
                    breaks.add(emptyPositions(emptyFrom, position - 1));
                    emptyFrom = -1;
                }
            }
        }
        return breaks;
    }

    private static ChainBreak emptyPositions(long first, long last) {
        String positions = first == last ? "position " + first + " was" : "positions " + first + "-" + last + " were";
        return new ChainBreak(first, null, Kind.POSITION_EMPTY, positions + " allocated but hold neither a commit nor a "
                + "void marker: a commit was deleted (or a writer is still in flight; re-run to confirm)");
    }

    /** The state of one walk: the chain head of every aggregate, the counts and the breaks found so far. */
    private static final class Walk {

        private final int maxBreaksHeld;
        private final Map<String, Link> heads = new HashMap<>();
        private final List<ChainBreak> breaks = new ArrayList<>();
        private final List<long[]> emptyRuns = new ArrayList<>();
        private long breakCount;
        private long commitsRead;
        private long commitsVerified;
        private long eventsVerified;
        private long voidPositions;

        Walk(int maxBreaksHeld) {
            this.maxBreaksHeld = maxBreaksHeld;
        }

        void empty(long position) {
            long[] last = emptyRuns.isEmpty() ? null : emptyRuns.get(emptyRuns.size() - 1);
            if (last != null && last[1] == position - 1) {
                last[1] = position;
            } else {
                emptyRuns.add(new long[]{position, position});
            }
        }

        void check(long position, RawBsonDocument commit) {
            long found = breakCount;
            int events = 0;
            try {
                if (commit.isBoolean(VOID) && commit.getBoolean(VOID).getValue()) {
                    if (!commit.containsKey(EVENTS) && !commit.containsKey(CHAIN)) {
                        voidPositions++;
                        return;
                    }
                    commitsRead++;
                    found(position, soleAggregate(commit), Kind.EVENTS_CHANGED,
                          "a commit holding events is marked void, so readers skip its events");
                    return;
                }
                commitsRead++;
                events = commit.getArray(EVENTS).size();
                ChainBreak content = contentBreak(position, commit);
                if (content != null) {
                    found(content);
                }
                checkLinks(position, commit);
            } catch (RuntimeException unreadable) {
                found(position, null, Kind.MALFORMED, "the document cannot be read as a commit: "
                        + unreadable.getMessage());
            }
            if (breakCount == found) {
                commitsVerified++;
                eventsVerified += events;
            }
        }

        private ChainBreak contentBreak(long position, RawBsonDocument commit) {
            BsonArray positions = commit.getArray(POSITIONS);
            BsonArray events = commit.getArray(EVENTS);
            boolean consecutive = commit.getInt64(ID).getValue() == position;
            for (int i = 0; i < positions.size() && consecutive; i++) {
                consecutive = positions.get(i).asInt64().getValue() == position + i;
            }
            if (!consecutive) {
                return commitBreak(position, commit, Kind.POSITIONS_REORDERED, "the commit's positions are not "
                        + "consecutive from its first position: they were reordered or moved");
            }
            if (events.size() != positions.size()) {
                return commitBreak(position, commit, Kind.EVENTS_CHANGED, "the commit holds " + events.size()
                        + " events for " + positions.size() + " positions: an event was removed or added");
            }
            if (!streamKeysOf(events).equals(commit.containsKey(STREAM_KEYS) ? commit.getArray(STREAM_KEYS) : List.of())) {
                return commitBreak(position, commit, Kind.EVENTS_CHANGED, "the commit's events no longer "
                        + "match its stream keys: an event was removed, added, moved or reordered");
            }
            if (!commit.isString(HASH)) {
                return commitBreak(position, commit, Kind.MISSING_HASH, "the commit has no hash");
            }
            String stored = commit.getString(HASH).getValue();
            BsonValue schemeField = commit.get(HASH_SCHEME);
            int scheme = schemeField == null ? CommitHasher.LEGACY_SCHEME
                    : schemeField.isInt32() ? schemeField.asInt32().getValue() : -1;
            if (scheme != CommitHasher.LEGACY_SCHEME && scheme != CommitHasher.SCHEME) {
                String named = schemeField.isNumber() ? String.valueOf(schemeField.asNumber().longValue())
                        : "of type " + schemeField.getBsonType();
                return commitBreak(position, commit, Kind.UNKNOWN_HASH_SCHEME, "the commit names hash scheme "
                        + named + ", which this verifier does not know");
            }
            if (stored.equals(CommitHasher.hashOfStored(commit))) {
                return null;
            }
            if (scheme == CommitHasher.LEGACY_SCHEME) {
                BsonDocument decoded = commit.decode(CODEC);
                if (stored.equals(CommitHasher.schemeOneHash(decoded))) {
                    return null;
                }
                if (holdsReplacementCharacter(decoded)) {
                    return commitBreak(position, commit, Kind.LEGACY_ENCODING, "the commit was hashed under "
                            + "scheme 1, holds U+FFFD and no longer matches its hash: most likely text with a lone "
                            + "UTF-16 surrogate that the store replaced when it was written (an edit cannot be told "
                            + "apart from that)");
                }
            }
            return commitBreak(position, commit, Kind.EDITED, "the stored content no longer matches its hash: "
                    + "it was edited");
        }

        private void checkLinks(long position, RawBsonDocument commit) {
            if (!commit.containsKey(CHAIN)) {
                return;
            }
            String stored = commit.isString(HASH) ? commit.getString(HASH).getValue() : null;
            for (BsonValue value : commit.getArray(CHAIN)) {
                BsonDocument link = value.asDocument();
                String aggregateId = link.getString(AGGREGATE_ID).getValue();
                long first = link.getInt64(FIRST_SEQUENCE).getValue();
                long last = link.getInt64(LAST_SEQUENCE).getValue();
                BsonValue previousHash = link.get(PREVIOUS_HASH);
                boolean noPreviousHash = previousHash == null || previousHash.isNull();
                Link previous = heads.get(aggregateId);
                if (previous == null) {
                    if (first != 0 || !noPreviousHash) {
                        found(position, aggregateId, Kind.HISTORY_START_MISSING, "the aggregate's history starts at "
                                + "sequence " + first + ": its earlier commits are missing");
                    }
                } else if (first != previous.lastSequence() + 1) {
                    found(position, aggregateId, Kind.SEQUENCE_GAP, "sequence " + first + " follows "
                            + previous.lastSequence() + " (position " + previous.position()
                            + "): a commit was deleted or reordered");
                } else if (previous.hash() != null
                        && (noPreviousHash || !previous.hash().equals(previousHash.asString().getValue()))) {
                    found(position, aggregateId, Kind.LINK_MISMATCH, "the link to the previous commit (position "
                            + previous.position() + ") does not match: that commit was altered or replaced");
                }
                heads.put(aggregateId, new Link(position, last, stored));
            }
        }

        /** A break in a commit's own content, named with the commit's aggregate if it touches only one. */
        private static ChainBreak commitBreak(long position, RawBsonDocument commit, Kind kind, String reason) {
            return new ChainBreak(position, soleAggregate(commit), kind, reason);
        }

        private static List<BsonValue> streamKeysOf(BsonArray events) {
            List<BsonValue> keys = new ArrayList<>();
            for (BsonValue value : events) {
                BsonDocument event = value.asDocument();
                if (event.containsKey(AGGREGATE_ID)) {
                    keys.add(new BsonString(streamKey(event.getString(AGGREGATE_ID).getValue(),
                                                               event.getInt64(SEQUENCE).getValue())));
                }
            }
            return keys;
        }

        private static String soleAggregate(RawBsonDocument commit) {
            try {
                BsonArray chain = commit.containsKey(CHAIN) ? commit.getArray(CHAIN) : null;
                return chain != null && chain.size() == 1
                        ? chain.get(0).asDocument().getString(AGGREGATE_ID).getValue()
                        : null;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }

        private static boolean holdsReplacementCharacter(BsonValue value) {
            switch (value.getBsonType()) {
                case STRING:
                    return value.asString().getValue().indexOf('\uFFFD') >= 0;
                case DOCUMENT:
                    for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
                        if (field.getKey().indexOf('\uFFFD') >= 0 || holdsReplacementCharacter(field.getValue())) {
                            return true;
                        }
                    }
                    return false;
                case ARRAY:
                    for (BsonValue element : value.asArray()) {
                        if (holdsReplacementCharacter(element)) {
                            return true;
                        }
                    }
                    return false;
                default:
                    return false;
            }
        }

        private void found(long position, String aggregateId, Kind kind, String reason) {
            found(new ChainBreak(position, aggregateId, kind, reason));
        }

        private void found(ChainBreak chainBreak) {
            breakCount++;
            if (breaks.size() < maxBreaksHeld) {
                breaks.add(chainBreak);
            }
        }

        /** Merges the breaks of the walk with the empty positions, keeping the first ones in position order. */
        VerificationReport report(long head, List<ChainBreak> empty) {
            boolean walkCut = breakCount > breaks.size();
            long heldUpTo = walkCut ? breaks.get(breaks.size() - 1).position() : Long.MAX_VALUE;
            List<ChainBreak> merged = new ArrayList<>();
            int w = 0;
            int e = 0;
            while (merged.size() < maxBreaksHeld) {
                ChainBreak fromWalk = w < breaks.size() ? breaks.get(w) : null;
                ChainBreak fromEmpty = e < empty.size() && empty.get(e).position() < heldUpTo ? empty.get(e) : null;
                if (fromWalk == null && fromEmpty == null) {
                    break;
                }
                if (fromEmpty == null || (fromWalk != null && fromWalk.position() < fromEmpty.position())) {
                    merged.add(fromWalk);
                    w++;
                } else {
                    merged.add(fromEmpty);
                    e++;
                }
            }
            return new VerificationReport(commitsRead, commitsVerified, eventsVerified, voidPositions, head, merged,
                                          breakCount + empty.size());
        }
    }

    private record Link(long position, long lastSequence, String hash) {
    }
}
