package org.consultationtracker.eventstore.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets writers of one process share the round trip to the position counter: while one request is on its way, the
 * writers that arrive meanwhile queue up, and the next request takes positions for all of them with one increment,
 * handing each its own consecutive range. Every range still belongs to exactly one writer, which fills it or, if its
 * append fails, releases it; only a writer that dies leaves a gap, as before.
 */
class CombiningAllocator {

    private final PositionAllocator counter;
    private final Object lock = new Object();
    private List<Request> waiting = new ArrayList<>();
    private boolean allocating;

    CombiningAllocator(PositionAllocator counter) {
        this.counter = counter;
    }

    private static final class Request {
        final int count;
        long first;
        RuntimeException failure;
        boolean done;

        Request(int count) {
            this.count = count;
        }
    }

    /** @return the first of {@code count} consecutive positions allocated to the caller alone */
    long allocate(int count) {
        Request mine = new Request(count);
        boolean[] interrupted = {false};
        synchronized (lock) {
            waiting.add(mine);
            while (allocating && !mine.done) {
                waitForTurn(interrupted);
            }
            if (interrupted[0]) {
                Thread.currentThread().interrupt();
            }
            if (mine.done) {
                return outcome(mine);
            }
            allocating = true;
        }
        // This writer allocates once for everyone waiting, itself included, then hands the turn on: one of those
        // who arrived meanwhile takes the next batch, so no writer serves others for longer than one round trip.
        List<Request> batch;
        synchronized (lock) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        int total = batch.stream().mapToInt(request -> request.count).sum();
        RuntimeException failure = null;
        long next = 0;
        try {
            next = counter.allocate(total);
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            for (Request request : batch) {
                if (failure == null) {
                    request.first = next;
                    next += request.count;
                } else {
                    request.failure = failure;
                }
                request.done = true;
            }
            allocating = false;
            lock.notifyAll();
        }
        return outcome(mine);
    }

    private static long outcome(Request request) {
        if (request.failure != null) {
            throw request.failure;
        }
        return request.first;
    }

    /**
     * Waits without giving up on an interrupt: a request already queued will be handed positions, and a writer that
     * walked away from them would leave a gap readers wait out. The wait lasts one counter round trip; the interrupt
     * is restored for the caller.
     */
    private void waitForTurn(boolean[] interrupted) {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            interrupted[0] = true;
        }
    }
}
