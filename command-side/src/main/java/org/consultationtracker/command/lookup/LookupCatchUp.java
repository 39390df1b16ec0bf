package org.consultationtracker.command.lookup;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.consultationtracker.eventstore.config.StoreFailures;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.eventstore.engine.CommitWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;

/**
 * Brings the lookup up to date with the event store: applies the stored events strictly in position order, from the
 * checkpoint on, through {@link LookupProjections}, and raises the checkpoint behind them.
 *
 * <p>It runs at start (before the web server takes requests), before a write request reaches its controller (the web
 * layer's gate; commands sent outside a web request catch up before they are judged instead), and after every
 * command (see {@link LookupConfiguration}). {@link #catchUp()} returns only once every event stored before the call
 * is in the lookup; when that is already so it costs one key lookup (the position counter).
 *
 * <p>It reads the stream in windows of up to {@code windowEvents} events: the projections apply a window's events to
 * a {@link LookupWindow}, whose changes go to the store in one bulk write; then the window counts as applied, and the
 * checkpoint is written behind it once it trails by {@value #CHECKPOINT_EVERY} events or more (and always at start
 * and at shutdown). A catch-up killed mid-window starts again from the checkpoint and re-applies what follows it,
 * which changes nothing the entries already hold.
 *
 * <p>It also keeps the {@link AggregateCache} honest: every event it applies drops a cached aggregate older than it.
 *
 * <p>Several instances may catch up over one lookup at the same time: each entry takes only writes of later events
 * than it holds (see {@link LookupStore}), and the shared checkpoint only rises ({@code $max}), each instance raising
 * it only to a position up to which it has applied every event. Within one instance one thread applies at a time.
 *
 * <p>A position that is allocated but not stored yet (a writer still in flight) holds the catch-up back, as it holds
 * back every reader of the store: it waits at most {@code maxWait} without progress, then gives up with
 * {@link LookupUnavailable}. A writer that died leaves such a position until a reader seals it after the store's gap
 * timeout; sealed (void) positions are passed over. An event that cannot be applied is retried a few times and then
 * also ends the catch-up with {@link LookupUnavailable}: it is never skipped.
 */
public class LookupCatchUp {

    private static final Logger log = LoggerFactory.getLogger(LookupCatchUp.class);

    private static final int CHECKPOINT_EVERY = 100;
    private static final int APPLY_ATTEMPTS = 3;
    private static final long RETRY_PAUSE_MILLIS = 50;
    private static final long POLL_PAUSE_MILLIS = 10;
    private static final int VOID_PROBE = 100;

    private final EventStorageEngine events;
    private final LookupStore store;
    private final MongoCollection<Document> sequences;
    private final MongoCollection<BsonDocument> commits;
    /** The projections write into this window, which the catch-up writes to the store a window at a time. */
    private final LookupWindow window;
    private final List<AnnotationEventHandlerAdapter> projections;
    private final int windowEvents;
    private final Duration maxWait;
    private final AggregateCache aggregates;
    private final ReentrantLock applying = new ReentrantLock();
    /**
     * Set on a thread handling a web request whose {@link #catchUpForRequest} brought the lookup up to date: the
     * commands it sends need not catch up again before they are judged (see {@link #beforeCommand}).
     */
    private final ThreadLocal<Boolean> currentForRequest = new ThreadLocal<>();

    /** Every event up to this position is in the lookup (applied here or, per the checkpoint, by any instance). */
    private volatile long applied;
    /** The checkpoint as this instance last wrote or read it; only touched while holding {@link #applying}. */
    private long recorded;

    LookupCatchUp(EventStorageEngine events, MongoDatabase database, LookupStore store, Duration maxWait,
                  AggregateCache aggregates) {
        this(events, database, store, maxWait, aggregates, LookupProperties.DEFAULT_WINDOW_EVENTS);
    }

    LookupCatchUp(EventStorageEngine events, MongoDatabase database, LookupStore store, Duration maxWait,
                  AggregateCache aggregates, int windowEvents) {
        if (windowEvents < 1) {
            throw new IllegalArgumentException("a catch-up window holds at least one event");
        }
        this.events = events;
        this.store = store;
        this.sequences = database.getCollection(CommitLayout.SEQUENCES_COLLECTION);
        this.commits = database.getCollection(CommitLayout.COMMITS_COLLECTION, BsonDocument.class);
        this.window = new LookupWindow(store);
        this.projections = LookupProjections.over(window);
        this.maxWait = maxWait;
        this.aggregates = aggregates;
        this.windowEvents = windowEvents;
    }

    /**
     * Returns once every event stored before the call is in the lookup.
     *
     * @throws LookupUnavailable when the store fails, an event cannot be applied, or a position stays in flight for
     *                           longer than the catch-up may wait
     */
    public void catchUp() {
        long target = head();
        if (applied >= target) {
            return;
        }
        try {
            if (!applying.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LookupUnavailable("The lookup is being brought up to position " + target + " by another "
                        + "request of this instance, which took longer than " + maxWait, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupUnavailable("Interrupted while waiting to bring the lookup up to date", e);
        }
        try {
            applyUpTo(target);
        } catch (LookupUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LookupUnavailable("The lookup could not be brought up to date (store or event unreadable): "
                    + e, e);
        } finally {
            applying.unlock();
        }
    }

    /** At start: everything stored so far; a failure is logged, as every command catches up again before it is judged. */
    void catchUpAtStart() {
        try {
            long from = store.checkpoint();
            long started = System.nanoTime();
            catchUp();
            recordCheckpoint();
            if (applied > from) {
                log.info("Brought the command-side lookup from position {} up to {} in {} ms", from, applied,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("Could not bring the command-side lookup up to date at start; every write request catches up "
                    + "first and is refused while it cannot", e);
        }
    }

    /**
     * After a command's events are stored: brings them into the lookup before the response is sent. The command has
     * happened whatever this does, so a failure is logged, not thrown; the next command catches up before it is
     * judged, and is refused if it still cannot.
     */
    void afterCommand() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            currentForRequest.remove(); // the request's next command must catch up (or be refused) before it is judged
            log.warn("The lookup could not take in the events of a command that was stored; the next command will "
                    + "catch up before it is judged", e);
        }
    }

    /**
     * Before a write request reaches its controller (see the web layer's gate): {@link #catchUp()}, and the commands
     * this request sends on this thread are judged without catching up again, until {@link #requestDone()}. The
     * lookup they would catch up to is the one the gate just brought up to date, plus the request's own earlier
     * commands, which {@link #afterCommand()} takes in as each is stored; an event another instance stores in the
     * moment between is no more missed than one stored between a catch-up and the handler's read of the lookup,
     * which no catch-up can exclude: the store's unique {@code aggregateId#sequence} key refuses a command written on
     * an aggregate that moved on meanwhile (a 409).
     */
    public void catchUpForRequest() {
        currentForRequest.remove();
        catchUp();
        currentForRequest.set(Boolean.TRUE);
    }

    /** The request that {@link #catchUpForRequest()} prepared is over: this thread's next command catches up first. */
    public void requestDone() {
        currentForRequest.remove();
    }

    /** Before a command is judged: catches up unless this thread's request already did (see catchUpForRequest). */
    void beforeCommand() {
        if (currentForRequest.get() == null) {
            catchUp();
        }
    }

    /**
     * Writes the checkpoint up to what this instance has applied. The catch-up writes it only every
     * {@value #CHECKPOINT_EVERY} events (one write fewer per command); at start and at shutdown it is brought up to
     * date, so that a restart (or another instance) re-reads little.
     */
    void recordCheckpoint() {
        boolean locked;
        try {
            locked = applying.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (locked) {
            try {
                recordProgress();
            } finally {
                applying.unlock();
            }
        }
    }

    /** At shutdown: the checkpoint up to what was applied, so that the next start re-reads nothing. */
    public void close() {
        try {
            recordCheckpoint();
        } catch (RuntimeException e) {
            log.warn("Could not record the lookup checkpoint at shutdown; the next start re-applies the last events", e);
        }
    }

    /** Events left out of the lookup because they could not be read. */
    long unreadable() {
        return store.unreadableCount();
    }

    /**
     * Positions allocated in the store that the lookup has not taken in: neither this instance (which writes the
     * shared checkpoint only every {@value #CHECKPOINT_EVERY} events) nor, per the checkpoint, any other; reads the
     * store.
     */
    long lag() {
        return Math.max(0, head() - Math.max(applied, store.checkpoint()));
    }

    long applied() {
        return applied;
    }

    private void applyUpTo(long target) {
        if (applied >= target) {
            return; // another thread of this instance got there while we waited for the lock
        }
        recorded = store.checkpoint();
        if (recorded > applied) {
            aggregates.clear(); // the events up to the checkpoint were applied elsewhere, unseen by the cache here
            applied = recorded;
        }
        long stalledSince = System.nanoTime();
        try {
            while (applied < target) {
                long before = applied;
                applyStored(target);
                if (applied < target) {
                    passVoidPositions(target);
                }
                if (applied > before) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince >= maxWait.toNanos()) {
                    throw new LookupUnavailable("Position " + (applied + 1) + " is allocated but was not stored "
                            + "within " + maxWait + "; the lookup stays at " + applied + " of " + target, null);
                } else {
                    pause(POLL_PAUSE_MILLIS);
                }
            }
        } finally {
            if (applied - recorded >= CHECKPOINT_EVERY) {
                recordProgress();
            }
        }
    }

    /**
     * Applies what the store delivers in order after {@link #applied}, up to the target or the first gap, a window of
     * events at a time: the window's events go through the projections into {@link #window}, whose changes are then
     * written in one go; only then does {@link #applied} move to the window's last event (and the checkpoint behind
     * it, see {@link #recordProgress}). A catch-up killed mid-window leaves the checkpoint before the window, and the
     * next one applies the whole window again, which changes nothing an entry already holds.
     */
    private void applyStored(long target) {
        try (Stream<? extends TrackedEventMessage<?>> stored = events.readEvents(tokenAfter(applied), false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stored.iterator();
            int inWindow = 0;
            long windowEnd = applied;
            TrackedEventMessage<?> first = null;
            try {
                while (windowEnd < target && iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    long position = EventPosition.of(event.trackingToken());
                    if (event instanceof DomainEventMessage<?> domainEvent) {
                        aggregates.evictIfOlder(domainEvent.getAggregateIdentifier(),
                                domainEvent.getSequenceNumber());
                    }
                    apply(event, position);
                    first = first == null ? event : first;
                    windowEnd = position;
                    if (++inWindow >= windowEvents) {
                        write(first, windowEnd);
                        inWindow = 0;
                        first = null;
                    }
                }
                if (inWindow > 0) {
                    write(first, windowEnd);
                }
            } finally {
                window.discard(); // a window that could not be written is applied again from its first event
            }
        }
    }

    /** Writes the window's changes (a few attempts), then counts its events as applied. */
    private void write(TrackedEventMessage<?> first, long windowEnd) {
        for (int attempt = 1; ; attempt++) {
            try {
                window.flush();
                break;
            } catch (RuntimeException e) {
                long from = EventPosition.of(first.trackingToken());
                if (attempt >= APPLY_ATTEMPTS) {
                    throw new LookupUnavailable("Could not write the lookup changes of the events from "
                            + first.getPayloadType().getSimpleName() + " at position " + from + " to position "
                            + windowEnd + " after " + attempt + " attempt(s)", e);
                }
                log.warn("Writing the lookup changes of positions {} to {} failed (attempt {} of {}); trying again",
                        from, windowEnd, attempt, APPLY_ATTEMPTS, e);
                pause(RETRY_PAUSE_MILLIS * attempt);
            }
        }
        applied = windowEnd;
        if (applied - recorded >= CHECKPOINT_EVERY) {
            recordProgress();
        }
    }

    /**
     * Runs the event through the projections into the window. A projection may read the lookup (through the window),
     * which can fail like any store read: tried again a few times. An event that cannot be read is left out.
     */
    private void apply(TrackedEventMessage<?> event, long position) {
        for (int attempt = 1; ; attempt++) {
            try {
                for (AnnotationEventHandlerAdapter projection : projections) {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                }
                return;
            } catch (Exception e) {
                // Safe to repeat: a change the event already put into the window is put there again, unchanged.
                if (attempt >= APPLY_ATTEMPTS) {
                    if (!StoreFailures.causedByStore(e)) {
                        // The event itself cannot be read (an altered store, a shape no upcaster bridges): leave it
                        // out and say so, rather than refuse every write from now on. The rules it would have fed
                        // are judged without it.
                        log.error("Left the unreadable {} at position {} out of the lookup; see {}",
                                event.getPayloadType().getSimpleName(), position, MongoLookupStore.UNREADABLE, e);
                        store.recordUnreadable(position, event.getIdentifier(), event.getPayloadType().getName(),
                                String.valueOf(e));
                        return;
                    }
                    throw new LookupUnavailable("Could not apply " + event.getPayloadType().getSimpleName()
                            + " at position " + position + " to the lookup after " + attempt + " attempt(s)", e);
                }
                log.warn("Applying {} at position {} to the lookup failed (attempt {} of {}); trying again",
                        event.getPayloadType().getSimpleName(), position, attempt, APPLY_ATTEMPTS, e);
                pause(RETRY_PAUSE_MILLIS * attempt);
            }
        }
    }

    /**
     * Moves past positions that hold no event because they were sealed void (a failed append, or a gap sealed after
     * the store's gap timeout), stopping at the first one that is still empty or holds an event.
     */
    private void passVoidPositions(long target) {
        long first = applied + 1;
        int count = (int) Math.min(VOID_PROBE, target - applied);
        Map<Long, Boolean> voidAt = new HashMap<>();
        for (BsonDocument commit : CommitWindows.covering(commits, first, count)) {
            boolean isVoid = commit.getBoolean(CommitLayout.VOID, BsonBoolean.FALSE).getValue();
            for (BsonValue position : commit.getArray(CommitLayout.POSITIONS)) {
                voidAt.put(position.asNumber().longValue(), isVoid);
            }
        }
        for (long position = first; position < first + count; position++) {
            if (!voidAt.getOrDefault(position, false)) {
                return;
            }
            applied = position;
        }
    }

    private void recordProgress() {
        if (applied > recorded) {
            try {
                store.advanceCheckpoint(applied);
                recorded = applied;
            } catch (RuntimeException e) {
                // What was applied stays applied; a later catch-up records it, or re-applies it harmlessly.
                log.warn("Could not record lookup checkpoint {}", applied, e);
            }
        }
    }

    /** The highest position handed out to writers (the store's position counter); 0 for an empty store. */
    private long head() {
        try {
            Document counter = sequences.find(eq(CommitLayout.ID, CommitLayout.COUNTER_ID)).first();
            return counter == null ? 0L : counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
        } catch (MongoException e) {
            throw new LookupUnavailable("The store's position counter cannot be read: " + e, e);
        }
    }

    private static TrackingToken tokenAfter(long position) {
        return position == 0 ? null : GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupUnavailable("Interrupted while bringing the lookup up to date", e);
        }
    }
}
