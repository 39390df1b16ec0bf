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
 * but not for long enough is UP, with the lag and since when in the details.
 */
class LookupHealthIndicator extends AbstractHealthIndicator {

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
        builder.withDetail("lag", lag)
               .withDetail("maxLag", maxLag)
               .withDetail("maxLagDuration", maxLagDuration.toString());
    }
}
