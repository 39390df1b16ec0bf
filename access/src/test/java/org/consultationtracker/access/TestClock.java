package org.consultationtracker.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand (the {@link AccessClock} of the test application): expiry without waiting. */
final class TestClock extends Clock {

    private volatile Instant now;

    TestClock() {
        this(Instant.parse("2030-01-01T09:00:00Z"));
    }

    TestClock(Instant start) {
        this.now = start;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
