package org.consultationtracker.eventstore.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's own figures, beside Axon's message and processor metrics: how long an append takes, how many events a
 * commit and a read batch carry, how far tracking readers trail the head, and how often gaps are sealed or appends
 * lose a race.
 */
public class EventStoreMetrics {

    private final Timer appendLatency;
    private final DistributionSummary commitSize;
    private final DistributionSummary readBatchSize;
    private final Counter conflicts;
    private final Counter sealedGaps;
    private final Counter sealedPositionRetries;
    private final AtomicLong headPosition = new AtomicLong();
    private final AtomicLong lastReadPosition = new AtomicLong();

    public EventStoreMetrics(MeterRegistry registry) {
        appendLatency = Timer.builder("eventstore.append.latency")
                             .description("Time to store one commit (allocation, insert, retries)")
                             .publishPercentileHistogram()
                             .register(registry);
        commitSize = DistributionSummary.builder("eventstore.append.batch.size")
                                        .description("Events per stored commit")
                                        .register(registry);
        readBatchSize = DistributionSummary.builder("eventstore.read.batch.size")
                                           .description("Events per tracking read batch")
                                           .register(registry);
        conflicts = Counter.builder("eventstore.append.conflicts")
                           .description("Appends rejected because another writer took the same aggregate version")
                           .register(registry);
        sealedGaps = Counter.builder("eventstore.gaps.sealed")
                            .description("Positions sealed as void: after the gap timeout, or released by a writer whose append failed")
                            .register(registry);
        sealedPositionRetries = Counter.builder("eventstore.append.sealed.retries")
                                       .description("Appends retried because their positions were sealed meanwhile")
                                       .register(registry);
        Gauge.builder("eventstore.head.position", headPosition, AtomicLong::get)
             .description("Highest global position allocated, as last seen by this process")
             .register(registry);
        Gauge.builder("eventstore.tracking.lag", this, EventStoreMetrics::trackingLag)
             .description("Positions between the head and the furthest position tracking reads reached")
             .register(registry);
    }

    public static EventStoreMetrics noop() {
        return new EventStoreMetrics(new SimpleMeterRegistry());
    }

    void recordAppend(long nanos, int events) {
        appendLatency.record(nanos, TimeUnit.NANOSECONDS);
        commitSize.record(events);
    }

    void recordReadBatch(int events, long reachedPosition) {
        if (events > 0) {
            readBatchSize.record(events);
        }
        lastReadPosition.accumulateAndGet(reachedPosition, Math::max);
    }

    void recordHead(long head) {
        headPosition.accumulateAndGet(head, Math::max);
    }

    void recordConflict() {
        conflicts.increment();
    }

    void recordSealedGaps(int count) {
        sealedGaps.increment(count);
    }

    void recordSealedPositionRetry() {
        sealedPositionRetries.increment();
    }

    private double trackingLag() {
        return Math.max(0, headPosition.get() - lastReadPosition.get());
    }
}
