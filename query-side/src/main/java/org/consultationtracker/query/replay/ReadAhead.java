package org.consultationtracker.query.replay;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads the stream on its own thread, a few batches ahead of the rebuild that applies them: the store's round trips
 * and the decoding of commits overlap with deserialising payloads and applying projections. Payloads stay lazy, so
 * they are deserialised by the thread that applies them. Bounded: the reader waits when it is {@value #BATCHES_AHEAD}
 * batches ahead.
 */
final class ReadAhead implements AutoCloseable {

    private static final int BATCH = 500;
    private static final int BATCHES_AHEAD = 8;
    private static final List<TrackedEventMessage<?>> END = List.of();

    private final BlockingQueue<List<TrackedEventMessage<?>>> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private volatile RuntimeException failure;
    private volatile boolean closed;
    private boolean ended;

    private ReadAhead(EventStorageEngine engine, TrackingToken from) {
        this.thread = new Thread(() -> read(engine, from), "read-model-rebuild-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading every event after {@code from} (null: from the start) up to the store's current head. */
    static ReadAhead from(EventStorageEngine engine, TrackingToken from) {
        ReadAhead readAhead = new ReadAhead(engine, from);
        readAhead.thread.start();
        return readAhead;
    }

    /** The next batch in stream order, or null once the reader reached the head. */
    List<TrackedEventMessage<?>> next() {
        if (ended) {
            return null;
        }
        try {
            List<TrackedEventMessage<?>> batch = batches.poll(100, TimeUnit.MILLISECONDS);
            while (batch == null) {
                if (!thread.isAlive() && batches.isEmpty()) { // it could not even hand over its end marker
                    ended = true;
                    throw failure != null ? failure
                            : new IllegalStateException("The event stream reader stopped before the end");
                }
                batch = batches.poll(100, TimeUnit.MILLISECONDS);
            }
            if (batch == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the event stream", e);
        }
    }

    private void read(EventStorageEngine engine, TrackingToken from) {
        List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (!closed && iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == BATCH) {
                    hand(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new IllegalStateException("The event stream reader was interrupted", e);
            Thread.currentThread().interrupt();
        } finally {
            // What was read before the end (or a failure) is delivered first; the failure surfaces after it.
            try {
                if (!batch.isEmpty()) {
                    hand(batch);
                }
                hand(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void hand(List<TrackedEventMessage<?>> batch) throws InterruptedException {
        while (!closed && !batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            // the applier is behind: wait for room, or for close()
        }
    }

    /** Stops the reader (if the rebuild gave up early) and waits for it to let go of the stream. */
    @Override
    public void close() {
        closed = true;
        batches.clear();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
