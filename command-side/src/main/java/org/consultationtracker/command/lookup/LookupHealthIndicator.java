package org.consultationtracker.command.lookup;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DOWN while the lookup's checkpoint has trailed the store's head by more than {@code maxLag} positions for longer
 * than {@code maxLagDuration}, as seen by successive health checks; DOWN too when the store cannot be read. Behind
 * but not for long enough is UP, with the lag and since when in the details. DEGRADED (HTTP 200) when it is current
 * but left out events it could not read.
 */
class LookupHealthIndicator extends AbstractHealthIndicator {

    /** Alerted on like DOWN, but answered 200: the lookup is current except for events it could not read. */
    static final org.springframework.boot.actuate.health.Status UNREADABLE_EVENTS =
            new org.springframework.boot.actuate.health.Status("DEGRADED",
                    "Events the lookup could not read are left out of it; see command_lookup_unreadable");

    private final LookupCatchUp catchUp;
    private final long maxLag;
    private final Duration maxLagDuration;
    private final Clock clock;
    private final AtomicReference<Instant> behindSince = new AtomicReference<>();

    LookupHealthIndicator(LookupCatchUp catchUp, long maxLag, Duration maxLagDuration, Clock clock) {
        super("The command-side lookup cannot be checked");
        this.catchUp = catchUp;
        this.maxLag = maxLag;
        this.maxLagDuration = maxLagDuration;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long lag = catchUp.lag();
        Instant now = clock.instant();
        if (lag <= maxLag) {
            behindSince.set(null);
            builder.up();
        } else {
            Instant since = behindSince.updateAndGet(first -> first == null ? now : first);
            boolean tooLong = !now.isBefore(since.plus(maxLagDuration));
            (tooLong ? builder.down() : builder.up()).withDetail("behindSince", since.toString());
        }
        long unreadable = catchUp.unreadable();
        if (unreadable > 0 && lag <= maxLag) {
            // Writes go on; the events left out are for an operator to look at (the verifier names altered commits).
            builder.status(UNREADABLE_EVENTS);
        }
        builder.withDetail("unreadableEvents", unreadable)
               .withDetail("lag", lag)
               .withDetail("maxLag", maxLag)
               .withDetail("maxLagDuration", maxLagDuration.toString());
    }
}
