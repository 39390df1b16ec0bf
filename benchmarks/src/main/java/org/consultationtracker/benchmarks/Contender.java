package org.consultationtracker.benchmarks;

import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;

/** One way of storing and reading the benchmark's events, on its own fresh database. */
interface Contender extends AutoCloseable {

    /** Short name used in the tables. */
    String name();

    /** Stores one unit of work (a few events of one aggregate) atomically. */
    void append(List<DomainEventMessage<?>> commit);

    /**
     * Reads the whole stream from position 0, as a tracking reader does, until it is caught up or the deadline
     * ({@link System#nanoTime()}) has passed.
     */
    ReadOutcome readAll(long deadlineNanos);

    /** Loads all events of one aggregate, checks they come in sequence order from 0, and returns how many. */
    int load(String aggregateId);

    @Override
    void close();

    /**
     * @param events         events delivered
     * @param distinctEvents distinct event identifiers among them
     * @param outOfOrder     events whose global position was not above the previous one (-1 when the contender's
     *                       tokens carry no position)
     * @param capped         the deadline stopped the read before it caught up
     */
    record ReadOutcome(long events, long distinctEvents, long outOfOrder, boolean capped) {
    }
}
