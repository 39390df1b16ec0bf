package org.consultationtracker.eventstore.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.consultationtracker.eventstore.engine.CommitLayout.*;

/**
 * An Axon {@link org.axonframework.eventsourcing.eventstore.EventStorageEngine} on MongoDB that needs neither
 * transactions nor change streams, so it runs the same on a replica set, a standalone mongod and the embedded server.
 *
 * <ul>
 *   <li><b>Atomic appends.</b> All events of a unit of work go into one commit document; a single-document insert is
 *   atomic, so a writer killed mid-write leaves the whole commit or nothing.</li>
 *   <li><b>One global order.</b> Every event gets a position from a shared counter. Readers deliver positions strictly
 *   in order and hold back behind a position that was allocated but is not yet visible (a gap). A gap that stays empty
 *   for the gap timeout is sealed with a void marker that claims its position, so a writer waking up later cannot
 *   slip an event in behind readers: its insert fails and is retried at fresh positions. Tokens are Axon
 *   {@link GapAwareTrackingToken}s whose gap set stays empty: they stay small however long the stream.</li>
 *   <li><b>Optimistic concurrency.</b> Each domain event claims the unique key {@code aggregateId#sequence}; of two
 *   writers appending the same version exactly one insert succeeds, the other gets Axon's ConcurrencyException.</li>
 *   <li><b>Key lookups only.</b> Reading the stream, loading an aggregate and loading a snapshot are {@code $in}
 *   lookups on unique keys, which cost O(batch) whatever the store size, also on the embedded server (which scans
 *   the whole collection for range queries). Each key asked for costs a lookup, found or not, so a stream read stops
 *   its window at the position counter and an aggregate load at the newest event this instance knows of.</li>
 *   <li><b>Tamper evidence.</b> Each commit stores the SHA-256 of the exact bytes inserted, chained to the previous
 *   commit of each aggregate it touches (see {@link CommitHasher} and the verifier). Content the store would not give
 *   back byte for byte is refused with an {@link UnstorableEventException}.</li>
 * </ul>
 */
public class MongoCommitStorageEngine extends AbstractEventStorageEngine {

    private static final int MAX_APPEND_ATTEMPTS = 5;
    private static final int HEAD_TOKEN_GAP_PROBE = 1_000;

    private final MongoCollection<BsonDocument> commits;
    private final MongoCollection<BsonDocument> snapshots;
    private final PositionAllocator allocator;
    private final CombiningAllocator positions;
    private final GapTracker gaps;
    private final int batchSize;
    private final Clock clock;
    private final EventStoreMetrics metrics;
    private final Map<String, ChainHead> chainHeads;

    protected MongoCommitStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        this.commits = database.getCollection(builder.commitsCollection, BsonDocument.class);
        this.snapshots = database.getCollection(builder.snapshotsCollection, BsonDocument.class);
        this.allocator = new PositionAllocator(database.getCollection(builder.sequencesCollection));
        this.positions = new CombiningAllocator(allocator);
        this.gaps = new GapTracker(builder.gapTimeout, builder.nanoClock);
        this.batchSize = builder.batchSize;
        this.clock = builder.clock;
        this.metrics = builder.metrics;
        this.chainHeads = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ChainHead> eldest) {
                return size() > builder.chainHeadCacheSize;
            }
        });
        ensureIndexes();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the position counter and the two unique indexes the engine relies on; idempotent, run at every start. */
    public final void ensureIndexes() {
        allocator.ensureCounter();
        commits.createIndex(Indexes.ascending(POSITIONS), new IndexOptions().unique(true).name(POSITIONS_INDEX));
        commits.createIndex(Indexes.ascending(STREAM_KEYS),
                            new IndexOptions().unique(true).sparse(true).name(STREAM_KEYS_INDEX));
    }

    // ---------------------------------------------------------------------------------------------------- appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        BsonArray storedEvents = new BsonArray();
        BsonArray streamKeys = new BsonArray();
        Map<String, BsonDocument> links = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            storedEvents.add(storedForm(event, serializer));
            if (event instanceof DomainEventMessage<?> domainEvent) {
                String aggregateId = domainEvent.getAggregateIdentifier();
                long sequence = domainEvent.getSequenceNumber();
                streamKeys.add(new BsonString(streamKey(aggregateId, sequence)));
                links.computeIfAbsent(aggregateId, id -> newLink(domainEvent))
                     .put(LAST_SEQUENCE, new BsonInt64(sequence));
            }
        }
        BsonArray chain = new BsonArray();
        links.values().forEach(link -> chain.add(withPreviousHash(link)));

        for (int attempt = 1; ; attempt++) {
            long first = positions.allocate(events.size());
            String hash;
            try {
                CommitHasher.Sealed sealed;
                try {
                    sealed = CommitHasher.seal(commitDocument(first, storedEvents, streamKeys, chain));
                } catch (CommitHasher.NotStorable e) {
                    throw unstorable(events, storedEvents, e);
                }
                hash = sealed.hash();
                commits.insertOne(sealed.document());
            } catch (MongoWriteException e) {
                boolean duplicate = e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
                if (duplicate && anyPositionTaken(first, events.size()) && attempt < MAX_APPEND_ATTEMPTS) {
                    // A reader sealed our positions as void while we were slow; nothing of ours was stored.
                    metrics.recordSealedPositionRetry();
                    continue;
                }
                release(first, events.size());
                if (duplicate) {
                    metrics.recordConflict();
                }
                handlePersistenceException(e, duplicate ? firstDomainEvent(events) : events.get(0));
                throw e; // not reached: handlePersistenceException always throws
            } catch (RuntimeException e) {
                release(first, events.size());
                throw e;
            }
            links.values().forEach(link -> rememberChainHead(link, hash));
            metrics.recordHead(first + events.size() - 1);
            metrics.recordAppend(System.nanoTime() - started, events.size());
            return;
        }
    }

    /**
     * Seals the positions of an append that failed, so readers need not wait out the gap timeout for a writer that
     * will never fill them: a lost optimistic-concurrency race is an everyday event, not a crash. If the insert did
     * reach the store after all (a lost reply), the seal fails on the taken positions and the commit stands.
     */
    private void release(long first, int count) {
        try {
            seal(CommitWindows.positionRange(first, count), "released by its writer after a failed append");
        } catch (RuntimeException e) {
            // Best effort: left empty, the positions are sealed by readers after the gap timeout.
        }
    }

    /** Names the event (and its field) whose content has no exact BSON encoding. */
    private static UnstorableEventException unstorable(List<? extends EventMessage<?>> events, BsonArray storedEvents,
                                                       CommitHasher.NotStorable found) {
        for (int i = 0; i < storedEvents.size(); i++) {
            CommitHasher.NotStorable inEvent = CommitHasher.firstUnstorable(storedEvents.get(i).asDocument());
            if (inEvent != null) {
                return new UnstorableEventException(events.get(i).getIdentifier(), events.get(i).getPayloadType().getName(),
                                                    inEvent.field(), inEvent.problem());
            }
        }
        EventMessage<?> first = events.get(0);
        return new UnstorableEventException(first.getIdentifier(), first.getPayloadType().getName(),
                                            found.field() == null ? null : "of the commit " + found.field(),
                                            found.problem());
    }

    private BsonDocument storedForm(EventMessage<?> event, Serializer serializer) {
        SerializedObject<JsonNode> payload = event.serializePayload(serializer, JsonNode.class);
        SerializedObject<JsonNode> metadata = event.serializeMetaData(serializer, JsonNode.class);
        BsonDocument stored = new BsonDocument(EVENT_ID, new BsonString(event.getIdentifier()));
        if (event instanceof DomainEventMessage<?> domainEvent) {
            stored.append(AGGREGATE_TYPE, stringOrNull(domainEvent.getType()))
                  .append(AGGREGATE_ID, new BsonString(domainEvent.getAggregateIdentifier()))
                  .append(SEQUENCE, new BsonInt64(domainEvent.getSequenceNumber()));
        }
        return stored.append(TIMESTAMP, new BsonString(event.getTimestamp().toString()))
                     .append(PAYLOAD_TYPE, new BsonString(payload.getType().getName()))
                     .append(PAYLOAD_REVISION, stringOrNull(payload.getType().getRevision()))
                     .append(PAYLOAD, BsonJson.toBson(payload.getData()))
                     .append(METADATA, BsonJson.toBson(metadata.getData()));
    }

    private static BsonDocument newLink(DomainEventMessage<?> firstEvent) {
        return new BsonDocument(AGGREGATE_ID, new BsonString(firstEvent.getAggregateIdentifier()))
                .append(AGGREGATE_TYPE, stringOrNull(firstEvent.getType()))
                .append(FIRST_SEQUENCE, new BsonInt64(firstEvent.getSequenceNumber()));
    }

    private BsonDocument withPreviousHash(BsonDocument link) {
        String aggregateId = link.getString(AGGREGATE_ID).getValue();
        long firstSequence = link.getInt64(FIRST_SEQUENCE).getValue();
        BsonDocument complete = new BsonDocument(AGGREGATE_ID, link.get(AGGREGATE_ID))
                .append(AGGREGATE_TYPE, link.get(AGGREGATE_TYPE))
                .append(FIRST_SEQUENCE, link.get(FIRST_SEQUENCE))
                .append(LAST_SEQUENCE, link.get(LAST_SEQUENCE));
        return complete.append(PREVIOUS_HASH, firstSequence == 0
                ? BsonNull.VALUE
                : new BsonString(previousHash(aggregateId, firstSequence - 1)));
    }

    /** The hash of the commit holding the aggregate's event at {@code sequence}: usually cached by the load. */
    private String previousHash(String aggregateId, long sequence) {
        ChainHead cached = chainHeads.get(aggregateId);
        if (cached != null && cached.lastSequence() == sequence) {
            return cached.hash();
        }
        BsonDocument previous = commits.find(eq(STREAM_KEYS, streamKey(aggregateId, sequence)))
                                       .projection(Projections.include(HASH))
                                       .first();
        if (previous == null) {
            throw new EventStoreException("Aggregate [" + aggregateId + "] has no event at sequence " + sequence
                                                  + "; an append must continue its stream without a hole");
        }
        return previous.getString(HASH).getValue();
    }

    private void rememberChainHead(BsonDocument link, String hash) {
        chainHeads.put(link.getString(AGGREGATE_ID).getValue(),
                       new ChainHead(link.getInt64(LAST_SEQUENCE).getValue(), hash));
    }

    private BsonDocument commitDocument(long first, BsonArray events, BsonArray streamKeys, BsonArray chain) {
        BsonArray positions = new BsonArray();
        LongStream.range(first, first + events.size()).forEach(p -> positions.add(new BsonInt64(p)));
        BsonDocument commit = new BsonDocument(ID, new BsonInt64(first)).append(POSITIONS, positions);
        if (!streamKeys.isEmpty()) {
            commit.append(STREAM_KEYS, streamKeys).append(CHAIN, chain);
        }
        return commit.append(EVENTS, events)
                     .append(COMMITTED_AT, new BsonDateTime(clock.millis()))
                     .append(HASH_SCHEME, new BsonInt32(CommitHasher.SCHEME));
    }

    private boolean anyPositionTaken(long first, int count) {
        return commits.find(in(POSITIONS, CommitWindows.positionRange(first, count)))
                      .projection(Projections.include(ID))
                      .first() != null;
    }

    private static EventMessage<?> firstDomainEvent(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?>) {
                return event;
            }
        }
        return events.get(0);
    }

    // ---------------------------------------------------------------------------------------------------- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        BsonDocument stored = new BsonDocument(ID, new BsonString(snapshot.getAggregateIdentifier()));
        storedForm(snapshot, serializer).forEach((key, value) -> {
            if (!AGGREGATE_ID.equals(key)) {
                stored.append(key, value);
            }
        });
        BsonDocument existing = snapshots.find(eq(ID, snapshot.getAggregateIdentifier()))
                                         .projection(Projections.include(SEQUENCE))
                                         .first();
        // A snapshot only saves replay work: if two snapshotters race, either result is correct to load from.
        if (existing == null || existing.getInt64(SEQUENCE).getValue() < snapshot.getSequenceNumber()) {
            snapshots.replaceOne(eq(ID, snapshot.getAggregateIdentifier()), stored, new ReplaceOptions().upsert(true));
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        BsonDocument snapshot = snapshots.find(eq(ID, aggregateIdentifier)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        snapshot.put(AGGREGATE_ID, snapshot.get(ID));
        return Stream.of(new StoredEventData.Domain(null, snapshot));
    }

    // ------------------------------------------------------------------------------------------- loading aggregates

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateId, long firstSequenceNumber) {
        return StreamSupport.stream(new AggregateReader(aggregateId, Math.max(0, firstSequenceNumber)), false);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        if (!hasEvent(aggregateIdentifier, 0)) {
            return Optional.empty();
        }
        long known = 0;
        long step = 1;
        while (hasEvent(aggregateIdentifier, known + step)) {
            known += step;
            step *= 2;
        }
        long unknownFrom = known + step;
        while (unknownFrom - known > 1) {
            long middle = known + (unknownFrom - known) / 2;
            if (hasEvent(aggregateIdentifier, middle)) {
                known = middle;
            } else {
                unknownFrom = middle;
            }
        }
        return Optional.of(known);
    }

    private boolean hasEvent(String aggregateId, long sequence) {
        return commits.find(eq(STREAM_KEYS, streamKey(aggregateId, sequence)))
                      .projection(Projections.include(ID))
                      .first() != null;
    }

    /** Reads an aggregate's events a window of sequence numbers at a time, by unique key. */
    private final class AggregateReader extends Spliterators.AbstractSpliterator<DomainEventData<?>> {

        private final String aggregateId;
        private final Deque<StoredEventData> buffer = new ArrayDeque<>();
        private long nextSequence;
        private boolean exhausted;

        private AggregateReader(String aggregateId, long firstSequence) {
            super(Long.MAX_VALUE, ORDERED | NONNULL);
            this.aggregateId = aggregateId;
            this.nextSequence = firstSequence;
        }

        /**
         * How many sequence numbers to ask for: each is one key lookup in the store, found or not. When this instance
         * knows the aggregate's newest event (it appended or loaded it), up to one past it, so that an event another
         * instance appended since still shows (a full window) and the next window is read; otherwise a full batch.
         */
        private int window() {
            ChainHead known = chainHeads.get(aggregateId);
            if (known != null && known.lastSequence() + 1 >= nextSequence) {
                return (int) Math.min(batchSize, known.lastSequence() + 2 - nextSequence);
            }
            return batchSize;
        }

        @Override
        public boolean tryAdvance(Consumer<? super DomainEventData<?>> action) {
            if (buffer.isEmpty() && !exhausted) {
                fetch();
            }
            StoredEventData next = buffer.poll();
            if (next == null) {
                return false;
            }
            action.accept((DomainEventData<?>) next);
            return true;
        }

        private void fetch() {
            int window = window();
            List<String> keys = new ArrayList<>(window);
            for (long s = nextSequence; s < nextSequence + window; s++) {
                keys.add(streamKey(aggregateId, s));
            }
            Map<Long, BsonDocument> bySequence = new HashMap<>();
            BsonDocument lastCommit = null;
            long lastCommitSequence = -1;
            for (BsonDocument commit : commits.find(in(STREAM_KEYS, keys))) {
                for (BsonValue value : commit.getArray(EVENTS)) {
                    BsonDocument event = value.asDocument();
                    if (event.containsKey(AGGREGATE_ID) && aggregateId.equals(event.getString(AGGREGATE_ID).getValue())) {
                        long sequence = event.getInt64(SEQUENCE).getValue();
                        bySequence.put(sequence, event);
                        if (sequence > lastCommitSequence) {
                            lastCommitSequence = sequence;
                            lastCommit = commit;
                        }
                    }
                }
            }
            long expected = nextSequence;
            while (bySequence.containsKey(expected)) {
                buffer.add(StoredEventData.of(null, bySequence.get(expected)));
                expected++;
            }
            int found = (int) (expected - nextSequence);
            exhausted = found < window;
            nextSequence = expected;
            if (exhausted && lastCommit != null && lastCommitSequence == expected - 1) {
                chainHeads.put(aggregateId, new ChainHead(lastCommitSequence, lastCommit.getString(HASH).getValue()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ tracking reads

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(new TrackingReader(trackingToken), false);
    }

    /**
     * Delivers events strictly in position order from the given token. It stops at the head, or at the first
     * position that was allocated but is still empty; that gap is re-checked on the next read and sealed once it has
     * been empty for the whole gap timeout.
     */
    private final class TrackingReader extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private final long startIndex;
        private final SortedSet<Long> startGaps;
        private final Deque<StoredEventData> buffer = new ArrayDeque<>();
        private long nextPosition;
        private boolean ended;
        /** The position counter as last read: windows never ask for positions beyond it (see fetchWindow). */
        private long knownHead = -1;

        private TrackingReader(TrackingToken token) {
            super(Long.MAX_VALUE, ORDERED | NONNULL);
            GapAwareTrackingToken start = asGapAware(token);
            this.startIndex = start == null ? 0 : start.getIndex();
            this.startGaps = start == null ? Collections.emptySortedSet() : new TreeSet<>(start.getGaps());
            this.nextPosition = startGaps.isEmpty() ? startIndex + 1 : startGaps.first();
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            while (buffer.isEmpty() && !ended) {
                fetchWindow();
            }
            StoredEventData next = buffer.poll();
            if (next == null) {
                return false;
            }
            action.accept(next);
            return true;
        }

        /**
         * Reads the next window of positions. Every position asked for costs a key lookup in the store, found or not,
         * so the window stops at the position counter: a reader at the head (a processor waiting for new events, the
         * command side's lookup before each command) reads the counter and the few new positions, not a whole batch
         * of positions nobody has written yet. The counter is read again only once the reader has passed it.
         */
        private void fetchWindow() {
            if (nextPosition > knownHead) {
                knownHead = allocator.head();
                metrics.recordHead(knownHead);
                if (nextPosition > knownHead) {
                    ended = true; // caught up with every writer
                    return;
                }
            }
            int count = (int) Math.min(batchSize, knownHead - nextPosition + 1);
            Map<Long, BsonDocument> events = new HashMap<>();
            Map<Long, Boolean> voids = new HashMap<>();
            for (BsonDocument commit : CommitWindows.covering(commits, nextPosition, count)) {
                BsonArray positions = commit.getArray(POSITIONS);
                boolean isVoid = commit.getBoolean(VOID, BsonBoolean.FALSE).getValue();
                for (int i = 0; i < positions.size(); i++) {
                    long position = positions.get(i).asInt64().getValue();
                    if (isVoid) {
                        voids.put(position, true);
                    } else {
                        events.put(position, commit.getArray(EVENTS).get(i).asDocument());
                    }
                }
            }
            int delivered = 0;
            long position = nextPosition;
            long windowEnd = nextPosition + count - 1;
            Long missing = null;
            for (; position <= windowEnd; position++) {
                BsonDocument event = events.get(position);
                if (event == null && !voids.containsKey(position)) {
                    missing = position;
                    break;
                }
                gaps.resolved(position);
                if (event != null && !coveredByStart(position)) {
                    buffer.add(StoredEventData.of(tokenAt(position), event));
                    delivered++;
                }
            }
            nextPosition = position;
            metrics.recordReadBatch(delivered, position - 1);
            if (missing == null) {
                return; // the whole window was there: the next call reads the next one (or the counter again)
            }
            // The window lies within the counter: a missing position was allocated and is not stored yet.
            List<Long> empty = new ArrayList<>();
            for (long p = missing; p <= windowEnd; p++) {
                if (!events.containsKey(p) && !voids.containsKey(p)) {
                    empty.add(p);
                }
            }
            List<Long> expired = gaps.expired(empty);
            if (expired.contains(missing)) {
                // the next window reads the sealed positions as void and moves on
                seal(expired, "allocated but not committed within the gap timeout");
            } else {
                ended = true; // hold back behind a writer still in flight
            }
        }

        private boolean coveredByStart(long position) {
            return position <= startIndex && !startGaps.contains(position);
        }

        private TrackingToken tokenAt(long position) {
            SortedSet<Long> remainingGaps = startGaps.isEmpty()
                    ? Collections.emptySortedSet()
                    : startGaps.tailSet(position + 1);
            return GapAwareTrackingToken.newInstance(Math.max(position, startIndex), remainingGaps);
        }
    }

    /** Claims positions whose writer never committed, so nobody can fill them behind the readers' backs. */
    private void seal(List<Long> positions, String reason) {
        List<BsonDocument> markers = new ArrayList<>(positions.size());
        BsonDateTime now = new BsonDateTime(clock.millis());
        for (long position : positions) {
            markers.add(new BsonDocument(ID, new BsonInt64(position))
                                .append(POSITIONS, new BsonArray(List.of(new BsonInt64(position))))
                                .append(VOID, BsonBoolean.TRUE)
                                .append(SEALED_AT, now)
                                .append(REASON, new BsonString(reason)));
        }
        int sealed = markers.size();
        try {
            commits.insertMany(markers, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // Positions filled (or sealed by another reader) in the meantime are simply read on the next window.
            sealed -= e.getWriteErrors().size();
        }
        positions.forEach(gaps::resolved);
        metrics.recordSealedGaps(sealed);
    }

    // ------------------------------------------------------------------------------------------------------ tokens

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /**
     * A token after everything stored: the highest filled position among the most recent ones, with the positions
     * below it that are still in flight as gaps, so a processor starting here still receives those when they land.
     */
    @Override
    public TrackingToken createHeadToken() {
        long head = allocator.head();
        if (head == 0) {
            return null;
        }
        long from = Math.max(1, head - HEAD_TOKEN_GAP_PROBE + 1);
        TreeSet<Long> filled = new TreeSet<>();
        for (BsonDocument commit : CommitWindows.covering(commits, from, (int) (head - from + 1))) {
            commit.getArray(POSITIONS).forEach(p -> filled.add(p.asInt64().getValue()));
        }
        Long highestFilled = filled.floor(head);
        if (highestFilled == null) {
            return from == 1 ? null : GapAwareTrackingToken.newInstance(from - 1, Collections.emptySortedSet());
        }
        TreeSet<Long> inFlight = new TreeSet<>();
        for (long p = from; p < highestFilled; p++) {
            if (!filled.contains(p)) {
                inFlight.add(p);
            }
        }
        return GapAwareTrackingToken.newInstance(highestFilled, inFlight);
    }

    /**
     * The token just before the first event recorded at or after {@code dateTime}, found by binary search over
     * positions (recording time grows with position up to the few milliseconds writers race for).
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long low = 0;
        long high = allocator.head();
        while (low < high) {
            long middle = low + (high - low + 1) / 2;
            Instant recorded = recordedAtOrAfter(middle, high);
            if (recorded != null && recorded.isBefore(dateTime)) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low == 0 ? null : GapAwareTrackingToken.newInstance(low, Collections.emptySortedSet());
    }

    private Instant recordedAtOrAfter(long position, long limit) {
        for (long p = position; p <= limit; p++) {
            BsonDocument commit = commits.find(eq(POSITIONS, p)).projection(Projections.include(COMMITTED_AT)).first();
            if (commit != null && commit.containsKey(COMMITTED_AT)) {
                return Instant.ofEpochMilli(commit.getDateTime(COMMITTED_AT).getValue());
            }
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private static GapAwareTrackingToken asGapAware(TrackingToken token) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(token);
        if (unwrapped == null || unwrapped instanceof GapAwareTrackingToken) {
            return (GapAwareTrackingToken) unwrapped;
        }
        throw new IllegalArgumentException("This event store issues GapAwareTrackingTokens; got " + unwrapped);
    }

    private static BsonValue stringOrNull(String value) {
        return value == null ? BsonNull.VALUE : new BsonString(value);
    }

    /** The hash of an aggregate's newest commit, so the next append can chain to it without a read. */
    private record ChainHead(long lastSequence, String hash) {
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private String commitsCollection = CommitLayout.COMMITS_COLLECTION;
        private String snapshotsCollection = CommitLayout.SNAPSHOTS_COLLECTION;
        private String sequencesCollection = CommitLayout.SEQUENCES_COLLECTION;
        private Duration gapTimeout = Duration.ofSeconds(10);
        private int batchSize = 100;
        private int chainHeadCacheSize = 10_000;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoClock = System::nanoTime;
        private EventStoreMetrics metrics = EventStoreMetrics.noop();

        public Builder() {
            persistenceExceptionResolver(exception -> exception instanceof MongoWriteException write
                    && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY);
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder collections(String commits, String snapshots, String sequences) {
            this.commitsCollection = commits;
            this.snapshotsCollection = snapshots;
            this.sequencesCollection = sequences;
            return this;
        }

        /** How long an allocated position may stay empty before readers seal it and move on. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = nanoClock;
            return this;
        }

        public Builder metrics(EventStoreMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public MongoCommitStorageEngine build() {
            return new MongoCommitStorageEngine(this);
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("A MongoDatabase is required");
            }
            if (batchSize < 1) {
                throw new AxonConfigurationException("The batch size must be at least 1");
            }
            if (gapTimeout.isNegative()) {
                throw new AxonConfigurationException("The gap timeout cannot be negative");
            }
        }
    }
}
