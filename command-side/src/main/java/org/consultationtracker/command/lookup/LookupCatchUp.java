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
 * <p>It runs at start, before every command is judged, and after every command (see {@link LookupConfiguration}); the
 * web layer also calls it before a write request reads the lookup. {@link #catchUp()} returns only once every event
 * stored before the call is in the lookup; when that is already so it costs one key lookup (the position counter).
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
    private final List<AnnotationEventHandlerAdapter> projections;
    private final Duration maxWait;
    private final AggregateCache aggregates;
    private final ReentrantLock applying = new ReentrantLock();

    /** Every event up to this position is in the lookup (applied here or, per the checkpoint, by any instance). */
    private volatile long applied;
    /** The checkpoint as this instance last wrote or read it; only touched while holding {@link #applying}. */
    private long recorded;

    LookupCatchUp(EventStorageEngine events, MongoDatabase database, LookupStore store, Duration maxWait,
                  AggregateCache aggregates) {
        this.events = events;
        this.store = store;
        this.sequences = database.getCollection(CommitLayout.SEQUENCES_COLLECTION);
        this.commits = database.getCollection(CommitLayout.COMMITS_COLLECTION, BsonDocument.class);
        this.projections = LookupProjections.over(store);
        this.maxWait = maxWait;
        this.aggregates = aggregates;
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
            catchUp();
            if (applied > from) {
                log.info("Brought the command-side lookup from position {} up to {}", from, applied);
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
            log.warn("The lookup could not take in the events of a command that was stored; the next command will "
                    + "catch up before it is judged", e);
        }
    }

    /** Events left out of the lookup because they could not be read. */
    long unreadable() {
        return store.unreadableCount();
    }

    /** Positions allocated in the store that the checkpoint has not reached; reads the store. */
    long lag() {
        return Math.max(0, head() - store.checkpoint());
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
            recordProgress();
        }
    }

    /** Applies what the store delivers in order after {@link #applied}, up to the target or the first gap. */
    private void applyStored(long target) {
        try (Stream<? extends TrackedEventMessage<?>> stored = events.readEvents(tokenAfter(applied), false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stored.iterator();
            while (applied < target && iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                long position = EventPosition.of(event.trackingToken());
                if (event instanceof DomainEventMessage<?> domainEvent) {
                    aggregates.evictIfOlder(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber());
                }
                apply(event, position);
                applied = position;
                if (applied - recorded >= CHECKPOINT_EVERY) {
                    store.advanceCheckpoint(applied);
                    recorded = applied;
                }
            }
        }
    }

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
                // Safe to repeat: writes already made for this event are refused as "not later" the second time.
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
