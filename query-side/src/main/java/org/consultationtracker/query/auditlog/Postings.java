package org.consultationtracker.query.auditlog;

import org.bson.Document;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The audit log's layout, private to this package. Entries are keyed by their position ({@value #ENTRIES}), so a
 * window of positions is one {@code _id $in} lookup. For every filter value there is a <em>key</em>
 * ({@value #KEYS}: {@code <kind>/<value>}, e.g. {@code eventType/KeyPointRecorded}) holding how many entries carry it
 * and which buckets hold them, and one <em>posting</em> per bucket ({@value #POSTINGS}: {@code <key>#<bucket>}) listing
 * those entries' positions in ascending order. A bucket covers {@value #BUCKET} consecutive positions. The key
 * {@value #ALL} counts every entry and maps each day (UTC, as days since the epoch) to the first and last position
 * recorded on it, which bounds a search by time.
 * <p>
 * Everything is maintained by {@link AuditLogProjection} in stream order (the audit log is processed in one
 * sequence), so every document here is written by one writer and a rebuild gives the same documents.
 */
final class Postings {

    static final String ENTRIES = "audit_log";
    static final String KEYS = "audit_log_keys";
    static final String POSTINGS = "audit_log_postings";

    static final long BUCKET = 4096;
    static final String ALL = "all";

    static final String SESSION = "session";
    static final String CONVERSATION = "conversation";
    static final String PARTICIPANT = "participant";
    /** Every entry by its actor: what an admin searches. */
    static final String ACTOR = "actor";
    /** Entries by their actor except anonymous contributions: what everybody else searches. */
    static final String NAMED_ACTOR = "named-actor";
    static final String EVENT_TYPE = "eventType";

    private Postings() {
    }

    static String entryId(long position) {
        return Long.toString(position);
    }

    static String key(String kind, String value) {
        return kind + "/" + value;
    }

    static String posting(String key, long bucket) {
        return key + "#" + bucket;
    }

    static long bucketOf(long position) {
        return Math.floorDiv(position, BUCKET);
    }

    static String dayOf(Instant instant) {
        return "d" + Math.floorDiv(instant.getEpochSecond(), 86_400L);
    }

    /**
     * Adds the entry at {@code context}'s position under {@code key}. The posting and the key each skip an event they
     * hold already (by position, see {@link DocumentSession}), so a batch retried after one of them was written
     * counts nothing twice. An event touches a key once for its own entry (the kinds differ, and values within a kind
     * are distinct), and once more for each earlier entry it posts under its session ({@link ConversationSessions}).
     */
    static void add(DocumentSession session, String key, EventContext context) {
        addAt(session, key, context.position(), context);
    }

    /**
     * Adds the entry at {@code position} under {@code key}, on behalf of the event at {@code context} (which may come
     * later: an entry posted under a session only once the session of its conversation is known). Each position is
     * added once per key and event.
     */
    static void addAt(DocumentSession session, String key, long position, EventContext context) {
        long bucket = bucketOf(position);
        Document posting = session.forUpdate(POSTINGS, posting(key, bucket), context);
        boolean added = posting == null || insertSorted(Docs.list(posting, "positions"), position);
        Document head = session.forUpdate(KEYS, key, context);
        if (head != null && added) {
            head.put("count", head.get("count", 0L) + 1);
            insertSorted(Docs.list(head, "buckets"), bucket);
            if (head.get("last", -1L) < position) {
                head.put("last", position);
            }
        }
    }

    /** Counts the entry in {@value #ALL}, with the day it was recorded on. */
    static void addToAll(DocumentSession session, EventContext context) {
        Document all = session.forUpdate(KEYS, ALL, context);
        if (all == null) {
            return;
        }
        long position = context.position();
        all.put("count", all.get("count", 0L) + 1);
        if (all.get("last", -1L) < position) {
            all.put("last", position);
        }
        if (context.recordedAt() != null) {
            Document days = all.get("days", Document.class);
            if (days == null) {
                days = new Document();
                all.put("days", days);
            }
            String day = dayOf(context.recordedAt());
            Document range = days.get(day, Document.class);
            if (range == null) {
                days.put(day, new Document("first", position).append("last", position));
            } else {
                range.put("first", Math.min(range.get("first", position), position));
                range.put("last", Math.max(range.get("last", position), position));
            }
        }
    }

    /** Inserts {@code value} in ascending order; false when it is there already. */
    private static boolean insertSorted(List<Long> values, long value) {
        if (!values.isEmpty() && values.get(values.size() - 1) < value) {
            values.add(value); // the usual case: entries arrive in stream order
            return true;
        }
        int at = Collections.binarySearch(values, value);
        if (at >= 0) {
            return false;
        }
        values.add(-at - 1, value);
        return true;
    }
}
