package org.consultationtracker.eventstore.verify;

import java.util.List;
import java.util.Optional;

/**
 * What a walk over the whole store found: how much verified, and every break in position order. At most
 * {@link #MAX_BREAKS_HELD} breaks are held; {@link #breakCount()} counts them all.
 *
 * @param commitsRead     commits (not void markers) read up to the head
 * @param commitsVerified of those, the commits at which no break was found
 * @param eventsVerified  the events of the commits that verified
 * @param breaks          the first breaks in position order, at most {@link #MAX_BREAKS_HELD}
 * @param breakCount      how many breaks were found in all
 */
public record VerificationReport(long commitsRead, long commitsVerified, long eventsVerified, long voidPositions,
                                 long headPosition, List<ChainBreak> breaks, long breakCount) {

    public static final int MAX_BREAKS_HELD = 10_000;

    public VerificationReport {
        breaks = List.copyOf(breaks);
    }

    public boolean intact() {
        return breakCount == 0;
    }

    public Optional<ChainBreak> firstBreak() {
        return breaks.isEmpty() ? Optional.empty() : Optional.of(breaks.get(0));
    }

    /** Breaks found but not held in {@link #breaks()}. */
    public long breaksNotHeld() {
        return breakCount - breaks.size();
    }

    /** One line. */
    public String summary() {
        if (intact()) {
            return "All " + commitsVerified + " commits (" + eventsVerified + " events) verify; " + voidPositions
                    + " positions sealed void; head position " + headPosition;
        }
        return "BROKEN: " + breakCount + (breakCount == 1 ? " break" : " breaks") + ", the first " + breaks.get(0)
                + "; " + commitsVerified + " of " + commitsRead + " commits (" + eventsVerified + " events) verify; "
                + voidPositions + " positions sealed void; head position " + headPosition
                + (breaksNotHeld() > 0 ? "; the first " + breaks.size() + " breaks are listed" : "");
    }
}
