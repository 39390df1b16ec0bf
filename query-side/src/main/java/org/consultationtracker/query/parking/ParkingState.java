package org.consultationtracker.query.parking;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which events one read model does not apply, as one pass over the stream sees it: those parked (their projection
 * failed), those held behind a parked event of their sequence, and those an admin evicted. Not thread-safe: each batch,
 * rebuild or "as of" replay has its own.
 */
public final class ParkingState {

    /** What to do with an event. */
    public enum Decision {
        /** Apply it. */
        APPLY,
        /** An earlier event of its sequence is parked: keep it back too, so the sequence's order holds. */
        HOLD,
        /** It is already parked or held: leave it. */
        ALREADY_PARKED,
        /** An admin evicted it from this read model, with a recorded reason: skip it. */
        EVICTED
    }

    private final Map<String, Long> firstParkedBySequence = new HashMap<>();
    private final Set<Long> parkedPositions = new HashSet<>();
    private final Set<Long> evictedPositions;

    public ParkingState(Set<Long> evictedPositions) {
        this.evictedPositions = Set.copyOf(evictedPositions);
    }

    /**
     * @param alwaysApplied an event that must take effect whatever is parked before it (an erasure): it is never held
     */
    public Decision decide(long position, String sequence, boolean alwaysApplied) {
        if (evictedPositions.contains(position)) {
            return Decision.EVICTED;
        }
        if (parkedPositions.contains(position)) {
            return Decision.ALREADY_PARKED;
        }
        Long first = firstParkedBySequence.get(sequence);
        if (!alwaysApplied && first != null && first < position) {
            return Decision.HOLD;
        }
        return Decision.APPLY;
    }

    /** The position of the parked event the sequence waits behind, if any. */
    public Long blockedBehind(String sequence) {
        return firstParkedBySequence.get(sequence);
    }

    /** The event's projection failed: it is parked, and its sequence waits behind it. */
    public void failed(long position, String sequence) {
        parkedPositions.add(position);
        firstParkedBySequence.merge(sequence, position, Math::min);
    }

    /** The event was held behind its sequence's parked event. */
    public void held(long position) {
        parkedPositions.add(position);
    }
}
