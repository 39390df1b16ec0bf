package org.consultationtracker.query.auditlog;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.security.CurrentReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * Searches the audit log, a page at a time by position ("after"), with key lookups only (see {@link Postings}).
 * <p>
 * Without a filter, a page is a window of positions read by key. With one filter, it is that value's postings. With
 * several, the postings of the value with the fewest entries are read and the other filters applied to the entries in
 * memory; a search by time is bounded to the positions recorded on the days it spans, and the exact times are checked
 * in memory too. Either way a request examines at most {@value #MAX_EXAMINED} entries: a page that is not full then
 * still carries {@code next}, and the client asks again from there.
 * <p>
 * Entries of anonymous contributions carry no actor or role unless the reader is an admin ({@link CurrentReader}),
 * and a search by actor finds them only for an admin (it reads the actor's postings without them), so the filter
 * cannot be used to tie an account to an anonymous contribution either.
 */
@Service
public class AuditLogQueries {

    public static final int MAX_PAGE_SIZE = 500;
    /** The most entries one request looks at (and fetches) while filtering in memory. */
    public static final int MAX_EXAMINED = 5_000;

    static final ModelCollection ENTRIES = ModelCollection.of(ReadModel.AUDIT_LOG, Postings.ENTRIES);
    static final ModelCollection KEYS = ModelCollection.of(ReadModel.AUDIT_LOG, Postings.KEYS);
    static final ModelCollection POSTINGS = ModelCollection.of(ReadModel.AUDIT_LOG, Postings.POSTINGS);

    /**
     * Every filter is optional; {@code from} and {@code to} bound the recorded time (inclusive, exclusive).
     * {@code after} is a position (null: from the start): the page holds entries at larger positions, ascending.
     */
    public record SearchAuditLog(String sessionId, String conversationId, String participantId, String actor,
                                 String eventType, Instant from, Instant to, Long after, int size) {
    }

    /**
     * @param sessionId        the session the event belongs to: the one it names, or its conversation's
     * @param participants     each of {@code participantIds} as the views show them: pseudonym, or erased
     * @param actorParticipant when the actor is a participant's own account, that participant as the views show
     *                         them (the account name is not shown for it); null otherwise, or when not known
     * @param anonymous        an anonymous contribution: {@code actor} and {@code role} are null unless the reader is
     *                         admin
     * @param erasure          for a {@code ParticipantErased}: who asked for it and why; null for every other event
     */
    public record Entry(long position, String eventId, String eventType, String actor, String role,
                        Instant occurredAt, Instant recordedAt, String aggregateId, String sessionId,
                        String conversationId, List<String> participantIds, List<ParticipantRef> participants,
                        ParticipantRef actorParticipant, Map<String, Object> ids, boolean anonymous,
                        ErasureRequest erasure) {
    }

    /**
     * @param requestedBy THE_PARTICIPANT, ON_THEIR_BEHALF, or NOT_RECORDED (erased before this was asked)
     */
    public record ErasureRequest(String requestedBy, String reason, String requestReference) {
    }

    /**
     * @param next         the position to ask {@code after} for the next page; null when there is nothing further
     * @param totalEntries every entry matching, when counted: without a filter or with exactly one (not by time);
     *                     null otherwise (counting would read every candidate)
     */
    public record Page(List<Entry> entries, Long after, int size, Long next, Long totalEntries) {
    }

    private final ReadModelStore store;
    private final EventTypes eventTypes;
    private final Function<Collection<String>, Map<String, ParticipantRef>> participants;
    private final ParticipantAccounts accounts;

    @Autowired
    public AuditLogQueries(ReadModelStore store, EventTypes eventTypes, ParticipantDirectory directory,
                           ParticipantAccounts accounts) {
        this(store, eventTypes, directory::resolve, accounts);
    }

    /** Without a participant directory (measurements of paging alone): ids are shown as unregistered. */
    public AuditLogQueries(ReadModelStore store, EventTypes eventTypes) {
        this(store, eventTypes, ids -> ParticipantDirectory.resolve(ids, (collection, keys) -> Map.of()),
             new ParticipantAccounts(null));
    }

    private AuditLogQueries(ReadModelStore store, EventTypes eventTypes,
                            Function<Collection<String>, Map<String, ParticipantRef>> participants,
                            ParticipantAccounts accounts) {
        this.store = store;
        this.eventTypes = eventTypes;
        this.participants = participants;
        this.accounts = accounts;
    }

    @QueryHandler
    public Page handle(SearchAuditLog query) {
        validate(query);
        boolean identifyAnonymous = CurrentReader.mayIdentifyAnonymousContributors();
        List<String> keys = filterKeys(query, identifyAnonymous);
        Document all = store.find(KEYS, Postings.ALL);
        long after = query.after() == null ? -1 : query.after();
        if (all == null) {
            return new Page(List.of(), query.after(), query.size(), null, counted(query, keys) ? 0L : null);
        }
        long last = all.get("last", -1L);
        Bounds bounds = Bounds.of(all, query.from(), query.to(), after, last);
        Candidates candidates;
        Long total;
        if (keys.isEmpty()) {
            candidates = new PositionWindow(bounds);
            total = all.get("count", 0L);
        } else {
            Map<String, Document> heads = store.findAll(KEYS, keys);
            if (heads.size() < keys.size()) {
                return new Page(List.of(), query.after(), query.size(), null, counted(query, keys) ? 0L : null);
            }
            Document fewest = heads.values().stream()
                                   .min(Comparator.comparingLong(head -> head.get("count", 0L))).orElseThrow();
            candidates = new PostingList(store, fewest, bounds);
            total = fewest.get("count", 0L);
        }
        return page(query, candidates, keys.size() > 1 || query.from() != null || query.to() != null,
                    counted(query, keys) ? total : null, identifyAnonymous);
    }

    private Page page(SearchAuditLog query, Candidates candidates, boolean filtersInMemory, Long total,
                      boolean identifyAnonymous) {
        List<Entry> entries = new ArrayList<>();
        int examined = 0;
        Long lastExamined = null;
        boolean stoppedInBatch = false;
        while (entries.size() < query.size() && examined < MAX_EXAMINED) {
            int wanted = filtersInMemory ? Math.min(MAX_PAGE_SIZE, MAX_EXAMINED - examined)
                    : Math.min(query.size() - entries.size(), MAX_EXAMINED - examined);
            List<Long> positions = candidates.take(wanted);
            if (positions.isEmpty()) {
                break;
            }
            Map<String, Document> found = store.findAll(ENTRIES,
                                                        positions.stream().map(Postings::entryId).toList());
            for (int i = 0; i < positions.size(); i++) {
                long position = positions.get(i);
                examined++;
                lastExamined = position;
                Document entry = found.get(Postings.entryId(position));
                if (entry != null && matches(entry, query, identifyAnonymous)) {
                    entries.add(entryOf(entry, identifyAnonymous));
                    if (entries.size() == query.size()) {
                        stoppedInBatch = i < positions.size() - 1;
                        break;
                    }
                }
            }
        }
        boolean more = lastExamined != null && (stoppedInBatch || candidates.mayHaveMore());
        return new Page(withPseudonyms(entries), query.after(), query.size(), more ? lastExamined : null, total);
    }

    /** The key of each filter given, in the layout's terms; a search by actor skips anonymous entries unless admin. */
    private static List<String> filterKeys(SearchAuditLog query, boolean identifyAnonymous) {
        List<String> keys = new ArrayList<>();
        if (query.sessionId() != null) {
            keys.add(Postings.key(Postings.SESSION, query.sessionId()));
        }
        if (query.conversationId() != null) {
            keys.add(Postings.key(Postings.CONVERSATION, query.conversationId()));
        }
        if (query.participantId() != null) {
            keys.add(Postings.key(Postings.PARTICIPANT, query.participantId()));
        }
        if (query.actor() != null) {
            keys.add(Postings.key(identifyAnonymous ? Postings.ACTOR : Postings.NAMED_ACTOR, query.actor()));
        }
        if (query.eventType() != null) {
            keys.add(Postings.key(Postings.EVENT_TYPE, query.eventType()));
        }
        return keys;
    }

    /** A key holds its exact count: without a filter, or with one, and not by time. */
    private static boolean counted(SearchAuditLog query, List<String> keys) {
        return keys.size() <= 1 && query.from() == null && query.to() == null;
    }

    private static boolean matches(Document entry, SearchAuditLog query, boolean identifyAnonymous) {
        if (query.sessionId() != null && !query.sessionId().equals(entry.get("sessionId"))) {
            return false;
        }
        if (query.conversationId() != null && !query.conversationId().equals(entry.get("conversationId"))) {
            return false;
        }
        if (query.participantId() != null && !strings(entry, "participantIds").contains(query.participantId())) {
            return false;
        }
        if (query.actor() != null && (!query.actor().equals(entry.get("actor"))
                || !identifyAnonymous && entry.getBoolean("anonymous", false))) {
            return false;
        }
        if (query.eventType() != null && !query.eventType().equals(entry.get("eventType"))) {
            return false;
        }
        Instant recordedAt = instant(entry, "recordedAt");
        if (query.from() != null && (recordedAt == null || recordedAt.isBefore(query.from()))) {
            return false;
        }
        return query.to() == null || recordedAt != null && recordedAt.isBefore(query.to());
    }

    /**
     * The page's participants as the views show them, looked up in the participant directory in one go: pseudonyms,
     * or "an erased participant". The actor of an event sent from a participant's own account is shown the same way.
     */
    private List<Entry> withPseudonyms(List<Entry> entries) {
        Set<String> ids = new LinkedHashSet<>();
        for (Entry entry : entries) {
            ids.addAll(entry.participantIds());
            accounts.participantOf(entry.actor(), entry.role()).ifPresent(ids::add);
        }
        if (ids.isEmpty()) {
            return entries;
        }
        Map<String, ParticipantRef> refs = participants.apply(ids);
        List<Entry> resolved = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            List<ParticipantRef> named = e.participantIds().stream().map(refs::get).toList();
            ParticipantRef actor = accounts.participantOf(e.actor(), e.role()).map(refs::get).orElse(null);
            resolved.add(new Entry(e.position(), e.eventId(), e.eventType(), e.actor(), e.role(), e.occurredAt(),
                                   e.recordedAt(), e.aggregateId(), e.sessionId(), e.conversationId(),
                                   e.participantIds(), named, actor, e.ids(), e.anonymous(), e.erasure()));
        }
        return resolved;
    }

    private static Entry entryOf(Document entry, boolean identifyAnonymous) {
        boolean anonymous = entry.getBoolean("anonymous", false);
        boolean showActor = !anonymous || identifyAnonymous;
        return new Entry(entry.get("position", Number.class).longValue(), entry.getString("eventId"),
                         entry.getString("eventType"), showActor ? entry.getString("actor") : null,
                         showActor ? entry.getString("role") : null,
                         instant(entry, "occurredAt"), instant(entry, "recordedAt"),
                         entry.getString("aggregateId"), entry.getString("sessionId"),
                         entry.getString("conversationId"), strings(entry, "participantIds"), List.of(), null,
                         entry.get("ids", Document.class), anonymous, erasureIn(entry));
    }

    private static ErasureRequest erasureIn(Document entry) {
        Document erasure = entry.get("erasure", Document.class);
        return erasure == null ? null : new ErasureRequest(erasure.getString("requestedBy"),
                                                           erasure.getString("reason"),
                                                           erasure.getString("requestReference"));
    }

    private void validate(SearchAuditLog query) {
        if (query.after() != null && query.after() < 0) {
            throw new InvalidFilter("after", "must be a position, 0 or more (the 'next' of the previous page)");
        }
        if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new InvalidFilter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidFilter("to", "must be after 'from'");
        }
        if (query.eventType() != null && !eventTypes.names().contains(query.eventType())) {
            throw new InvalidFilter("eventType", "is not an event type; known types: " + eventTypes.names());
        }
    }

    /**
     * The positions a search can find entries at: after {@code after}, and, when searching by time, within the first
     * and last positions recorded on the days {@code from} and {@code to} span (from the {@value Postings#ALL} key).
     */
    record Bounds(long above, long upTo) {

        static Bounds of(Document all, Instant from, Instant to, long after, long last) {
            long above = after;
            long upTo = last;
            Document days = all.get("days", Document.class);
            if (from != null || to != null) {
                long firstFrom = Long.MAX_VALUE;
                long lastTo = -1;
                long fromDay = from == null ? Long.MIN_VALUE : dayNumber(Postings.dayOf(from));
                long toDay = to == null ? Long.MAX_VALUE : dayNumber(Postings.dayOf(to));
                for (Map.Entry<String, Object> day : (days == null ? new Document() : days).entrySet()) {
                    long number = dayNumber(day.getKey());
                    Document range = (Document) day.getValue();
                    if (number >= fromDay && number <= toDay) {
                        firstFrom = Math.min(firstFrom, range.get("first", Long.MAX_VALUE));
                        lastTo = Math.max(lastTo, range.get("last", -1L));
                    }
                }
                if (lastTo < 0) {
                    return new Bounds(0, -1); // nothing was recorded on those days
                }
                above = Math.max(above, firstFrom - 1);
                upTo = Math.min(upTo, lastTo);
            }
            return new Bounds(above, upTo);
        }

        private static long dayNumber(String day) {
            return Long.parseLong(day.substring(1));
        }
    }

    /** Positions to look at, ascending, a batch at a time. */
    interface Candidates {

        List<Long> take(int count);

        /** False once every candidate has been taken. */
        boolean mayHaveMore();
    }

    /** Every position in the bounds: entries are keyed by position, so a window is one key lookup. */
    static final class PositionWindow implements Candidates {

        private long cursor;
        private final long upTo;

        PositionWindow(Bounds bounds) {
            this.cursor = bounds.above();
            this.upTo = bounds.upTo();
        }

        @Override
        public List<Long> take(int count) {
            List<Long> positions = new ArrayList<>();
            while (positions.size() < count && cursor < upTo) {
                positions.add(++cursor);
            }
            return positions;
        }

        @Override
        public boolean mayHaveMore() {
            return cursor < upTo;
        }
    }

    /** The postings of one key, bucket by bucket (each a key lookup), from the first bucket past the bounds' start. */
    static final class PostingList implements Candidates {

        private final ReadModelStore store;
        private final String key;
        private final List<Long> buckets;
        private final long upTo;
        private long above;
        private int nextBucket;
        private final List<Long> buffered = new ArrayList<>();

        PostingList(ReadModelStore store, Document head, Bounds bounds) {
            this.store = store;
            this.key = head.getString("_id");
            this.buckets = head.getList("buckets", Long.class, List.of());
            this.above = bounds.above();
            this.upTo = Math.min(bounds.upTo(), head.get("last", -1L));
            long firstBucket = Postings.bucketOf(above + 1);
            int index = java.util.Collections.binarySearch(buckets, firstBucket);
            this.nextBucket = index >= 0 ? index : -index - 1;
        }

        @Override
        public List<Long> take(int count) {
            while (buffered.size() < count && nextBucket < buckets.size() && above < upTo) {
                Document posting = store.find(POSTINGS, Postings.posting(key, buckets.get(nextBucket++)));
                if (posting == null) {
                    continue;
                }
                for (Long position : posting.getList("positions", Long.class, List.of())) {
                    if (position > above && position <= upTo) {
                        buffered.add(position);
                    }
                }
            }
            List<Long> taken = new ArrayList<>(buffered.subList(0, Math.min(count, buffered.size())));
            buffered.subList(0, taken.size()).clear();
            if (!taken.isEmpty()) {
                above = taken.get(taken.size() - 1);
            }
            return taken;
        }

        @Override
        public boolean mayHaveMore() {
            return !buffered.isEmpty() || nextBucket < buckets.size() && above < upTo
                    && Objects.requireNonNullElse(buckets.get(nextBucket), Long.MAX_VALUE)
                    <= Postings.bucketOf(upTo);
        }
    }
}
