package org.consultationtracker.query.parking;

import java.time.Instant;
import java.util.List;

/**
 * An event a read model has not applied: parked because its projection failed ({@code PARKED}, with the error), or
 * held behind a parked event of its sequence ({@code HELD}, with that event's position).
 *
 * @param id          {@code <read model>:<generation>:<position>}
 * @param generation  the generation of the read model's collections it was parked in
 * @param requests    what admins asked for it (retry, eviction), who and why
 */
public record ParkedEvent(String id, String readModel, long generation, long position, String eventId,
                          String eventType, String aggregateId, String sequence, Status status, Long heldBehind,
                          String errorType, String error, Instant parkedAt, List<Request> requests) {

    public enum Status { PARKED, HELD }

    /** An admin's request about a parked event. {@code action} is RETRY or EVICT. */
    public record Request(String action, String by, Instant at, String reason, String rebuildId) {
    }

    static String id(String readModel, long generation, long position) {
        return readModel + ":" + generation + ":" + position;
    }
}
