package org.consultationtracker.query.coverage;

import org.bson.Document;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Coverage's key points in stream order, so "coverage of everything" (or of one stakeholder group) is read a page at a
 * time instead of all at once. Private to this package; laid out like the audit log's postings: a key point is placed
 * at the position of the event that recorded it. For "every key point" ({@value #ALL}) and for each stakeholder group
 * ({@code group/<id>}, with {@value #ANONYMOUS} for key points whose speaker is anonymous or not registered) there is a
 * <em>key</em> ({@value #KEYS}: how many key points it holds and which buckets hold them) and one <em>posting</em> per
 * bucket ({@value #POSTINGS}: {@code <key>#<bucket>}, the positions in ascending order with the key point ids beside
 * them). A bucket covers {@value #BUCKET} consecutive positions.
 * <p>
 * Each key point remembers its position and the groups it is listed under ({@value #PLACES}), and each registered
 * speaker the groups they belong to ({@value #SPEAKERS}): a speaker registered after their first key points moves
 * those from {@value #ANONYMOUS} to their groups, which is how the directory resolves them at read time. Everything
 * is written in stream order by one writer (coverage runs in one sequence), so a rebuild gives the same documents.
 */
final class KeyPointStream {

    static final String KEYS = "coverage_stream_keys";
    static final String POSTINGS = "coverage_stream_postings";
    static final String PLACES = "coverage_stream_places";
    static final String SPEAKERS = "coverage_stream_speakers";

    static final long BUCKET = 4096;
    static final String ALL = "all";
    static final String ANONYMOUS = "anonymous";

    private KeyPointStream() {
    }

    static String groupKey(String stakeholderGroupId) {
        return "group/" + stakeholderGroupId;
    }

    static String posting(String key, long bucket) {
        return key + "#" + bucket;
    }

    static long bucketOf(long position) {
        return Math.floorDiv(position, BUCKET);
    }

    static void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof KeyPointRecorded e) {
            record(e, context, session);
        } else if (payload instanceof ParticipantRegistered e) {
            register(e, context, session);
        }
    }

    private static void record(KeyPointRecorded e, EventContext context, DocumentSession session) {
        Document place = session.forUpdate(PLACES, e.keyPointId(), context);
        List<String> groups;
        if (place == null) {
            // The place holds this event already: a batch whose writes stopped part of the way is being applied
            // again. The lists are added to as the place says (each list skips what it holds), so none stays short.
            Document stored = session.find(PLACES, e.keyPointId());
            Number recordedAt = stored == null ? null : stored.get("position", Number.class);
            if (recordedAt == null || recordedAt.longValue() != context.position()) {
                return;
            }
            groups = Docs.strings(stored, "groups");
        } else if (place.containsKey("position")) {
            return; // recorded once: a key point keeps the place its first recording gave it
        } else {
            groups = groupsOf(e.attributedTo(), session);
            place.append("position", context.position()).append("groups", new ArrayList<>(groups));
        }
        add(session, ALL, e.keyPointId(), context.position(), context);
        for (String group : groups) {
            add(session, groupKey(group), e.keyPointId(), context.position(), context);
        }
    }

    /** The groups a speaker's key points are listed under, as the participant directory would resolve them now. */
    private static List<String> groupsOf(String speaker, DocumentSession session) {
        if (speaker == null) {
            return List.of(ANONYMOUS);
        }
        Document registered = session.find(SPEAKERS, speaker);
        return registered == null ? List.of(ANONYMOUS) : Docs.strings(registered, "stakeholderGroupIds");
    }

    private static void register(ParticipantRegistered e, EventContext context, DocumentSession session) {
        // Every document below skips this event on its own when it holds it already, so a batch whose writes stopped
        // part of the way and is applied again finishes the move rather than stopping at the first written document.
        Document speaker = session.forUpdate(SPEAKERS, e.participantId(), context);
        List<String> groups = e.stakeholderGroupIds() == null ? List.of() : List.copyOf(e.stakeholderGroupIds());
        if (speaker != null) {
            speaker.put("stakeholderGroupIds", new ArrayList<>(groups));
        }
        // Key points recorded before the registration were listed as anonymous: move them to the speaker's groups.
        Document participant = session.find(CoverageProjection.LEDGER.participants(), e.participantId());
        if (participant == null) {
            return;
        }
        for (String keyPointId : Docs.strings(participant, "keyPointIds")) {
            Document place = session.forUpdate(PLACES, keyPointId, context);
            List<String> before;
            if (place == null) {
                Document stored = session.find(PLACES, keyPointId); // moved by this event already: finish its lists
                Number movedAt = stored == null ? null : stored.get("movedAt", Number.class);
                if (movedAt == null || movedAt.longValue() != context.position() || !stored.containsKey("position")) {
                    continue;
                }
                before = Docs.strings(stored, "groupsBefore");
                place = stored;
            } else if (!place.containsKey("position")) {
                continue;
            } else {
                before = Docs.strings(place, "groups");
            }
            long position = place.get("position", Number.class).longValue();
            for (String group : before) {
                if (!groups.contains(group)) {
                    remove(session, groupKey(group), position, context);
                }
            }
            for (String group : groups) {
                if (!before.contains(group)) {
                    add(session, groupKey(group), keyPointId, position, context);
                }
            }
            Number movedAt = place.get("movedAt", Number.class);
            if (movedAt == null || movedAt.longValue() != context.position()) { // not the stored copy read above
                place.put("groupsBefore", new ArrayList<>(before));
                place.put("movedAt", context.position());
                place.put("groups", new ArrayList<>(groups));
            }
        }
    }

    private static void add(DocumentSession session, String key, String keyPointId, long position,
                            EventContext context) {
        long bucket = bucketOf(position);
        Document posting = session.forUpdate(POSTINGS, posting(key, bucket), context);
        if (posting != null) {
            List<Long> positions = Docs.list(posting, "positions");
            int at = Collections.binarySearch(positions, position);
            if (at < 0) {
                positions.add(-at - 1, position);
                Docs.<String>list(posting, "keyPointIds").add(-at - 1, keyPointId);
            }
        }
        Document head = session.forUpdate(KEYS, key, context);
        if (head != null) {
            head.put("count", head.get("count", 0L) + 1);
            List<Long> buckets = Docs.list(head, "buckets");
            int at = Collections.binarySearch(buckets, bucket);
            if (at < 0) {
                buckets.add(-at - 1, bucket);
            }
        }
    }

    private static void remove(DocumentSession session, String key, long position, EventContext context) {
        Document posting = session.forUpdate(POSTINGS, posting(key, bucketOf(position)), context);
        if (posting != null) {
            List<Long> positions = Docs.list(posting, "positions");
            int at = Collections.binarySearch(positions, position);
            if (at >= 0) {
                positions.remove(at);
                Docs.<String>list(posting, "keyPointIds").remove(at);
            }
        }
        Document head = session.forUpdate(KEYS, key, context);
        if (head != null) {
            head.put("count", Math.max(0L, head.get("count", 0L) - 1));
        }
    }
}
