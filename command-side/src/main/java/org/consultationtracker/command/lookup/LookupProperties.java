package org.consultationtracker.command.lookup;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Settings of the command-side lookup ({@code consultation.lookup.*}); see docs/operations.md. */
@ConfigurationProperties("consultation.lookup")
public class LookupProperties {

    static final int DEFAULT_WINDOW_EVENTS = 1_000;

    /**
     * How long a catch-up waits without progress for a position that is allocated but not yet stored (a writer in
     * flight) before it refuses the request with 503.
     */
    private Duration catchUpWait = Duration.ofSeconds(5);
    /**
     * Events the catch-up applies before writing their changes to the lookup in one bulk write (and counting them
     * as applied): a start on a large store reads and writes in windows of this many events.
     */
    private int catchUpWindow = DEFAULT_WINDOW_EVENTS;
    private final Health health = new Health();
    /** Aggregates kept in memory between commands (see AggregateCache); the least recently used go first. */
    private int aggregateCacheSize = 5_000;

    public static class Health {

        /** Positions the checkpoint may trail the store's head without the lookup being reported behind. */
        private long maxLag = 100;
        /** How long the lookup may be behind by more than {@code maxLag} before its health is DOWN. */
        private Duration maxLagDuration = Duration.ofSeconds(30);

        public long getMaxLag() {
            return maxLag;
        }

        public void setMaxLag(long maxLag) {
            this.maxLag = maxLag;
        }

        public Duration getMaxLagDuration() {
            return maxLagDuration;
        }

        public void setMaxLagDuration(Duration maxLagDuration) {
            this.maxLagDuration = maxLagDuration;
        }
    }

    public Duration getCatchUpWait() {
        return catchUpWait;
    }

    public void setCatchUpWait(Duration catchUpWait) {
        this.catchUpWait = catchUpWait;
    }

    public int getCatchUpWindow() {
        return catchUpWindow;
    }

    public void setCatchUpWindow(int catchUpWindow) {
        this.catchUpWindow = catchUpWindow;
    }

    public int getAggregateCacheSize() {
        return aggregateCacheSize;
    }

    public void setAggregateCacheSize(int aggregateCacheSize) {
        this.aggregateCacheSize = aggregateCacheSize;
    }

    public Health getHealth() {
        return health;
    }
}
