package org.consultationtracker.query.parking;

import org.consultationtracker.eventstore.config.StoreFailures;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.Projection;

/**
 * Applies one event to one read model unless it must be held back, and turns a projection's failure into a parked
 * event instead of a stopped processor. A failure of the store itself (it cannot be reached, a write timed out) is not
 * the event's fault: it propagates, so the batch is retried as a whole. After {@link Kind#FAILED} the session may hold
 * part of the failed event's changes: the caller discards them (see the live batch and the rebuild).
 */
public final class ParkingGuard {

    public enum Kind { APPLIED, SKIPPED, HELD, FAILED }

    /** @param heldBehind for HELD, the parked event waited behind; @param error for FAILED, what the projection threw */
    public record Outcome(Kind kind, Long heldBehind, RuntimeException error) {
    }

    private static final Outcome APPLIED = new Outcome(Kind.APPLIED, null, null);
    private static final Outcome SKIPPED = new Outcome(Kind.SKIPPED, null, null);

    private ParkingGuard() {
    }

    public static Outcome apply(Projection projection, ParkingState state, ModelEvent event,
                                DocumentSession session) {
        switch (state.decide(event.position(), event.sequence(), event.alwaysApplied())) {
            case EVICTED, ALREADY_PARKED -> {
                return SKIPPED;
            }
            case HOLD -> {
                Long behind = state.blockedBehind(event.sequence());
                state.held(event.position());
                return new Outcome(Kind.HELD, behind, null);
            }
            default -> {
                try {
                    projection.apply(event.payload(), event.context(), session);
                    return APPLIED;
                } catch (RuntimeException e) {
                    if (StoreFailures.causedByStore(e)) {
                        throw e;
                    }
                    state.failed(event.position(), event.sequence());
                    return new Outcome(Kind.FAILED, null, e);
                }
            }
        }
    }
}
