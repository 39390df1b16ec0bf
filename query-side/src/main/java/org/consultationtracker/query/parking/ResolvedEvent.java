package org.consultationtracker.query.parking;

import java.time.Instant;

/**
 * A parked or held event that is no longer held back: applied by a rebuild once its cause was fixed, or evicted by an
 * admin. Kept for accountability: what was parked, why, and how it ended.
 */
public record ResolvedEvent(ParkedEvent event, String outcome, Instant resolvedAt) {
}
