package org.consultationtracker.eventstore.verify;

import java.util.Optional;

/** What a walk over the whole store found: how much verified, and the first broken link if any. */
public record VerificationReport(long commitsVerified, long eventsVerified, long voidPositions, long headPosition,
                                 Optional<ChainBreak> firstBreak) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }

    public String summary() {
        return firstBreak.map(b -> "BROKEN at " + b + " (" + commitsVerified + " commits verified before it)")
                         .orElse("All " + commitsVerified + " commits (" + eventsVerified + " events) verify; "
                                         + voidPositions + " positions sealed void; head position " + headPosition);
    }
}
