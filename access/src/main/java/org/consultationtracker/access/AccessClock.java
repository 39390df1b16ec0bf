package org.consultationtracker.access;

import java.time.Clock;

/** The time sessions and lockouts are measured by; a test replaces it to let sessions expire without waiting. */
public record AccessClock(Clock clock) {
}
