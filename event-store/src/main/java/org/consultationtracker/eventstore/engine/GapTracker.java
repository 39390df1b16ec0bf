package org.consultationtracker.eventstore.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Remembers when this process first saw each allocated-but-empty position, so a gap is re-checked on every read and
 * declared dead only once it has stayed empty for the whole timeout. Only positions at or below the allocated head
 * are tracked, and each leaves the map when it is filled or sealed, so the map stays as small as the number of
 * writers in flight.
 */
class GapTracker {

    private final Map<Long, Long> firstSeenNanos = new ConcurrentHashMap<>();
    private final long timeoutNanos;
    private final LongSupplier nanoClock;

    GapTracker(Duration timeout, LongSupplier nanoClock) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Records that these positions were empty now; returns those empty for longer than the timeout. */
    List<Long> expired(List<Long> emptyPositions) {
        long now = nanoClock.getAsLong();
        return emptyPositions.stream()
                             .filter(position -> now - firstSeenNanos.computeIfAbsent(position, p -> now) >= timeoutNanos)
                             .collect(Collectors.toList());
    }

    void resolved(long position) {
        firstSeenNanos.remove(position);
    }

    int tracked() {
        return firstSeenNanos.size();
    }
}
