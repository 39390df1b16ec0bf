package org.consultationtracker.query.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.consultationtracker.query.health.ProcessorLag.SegmentLag;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the read models are whole and current: {@code DEGRADED} (a status monitoring alerts on; HTTP 200, since the
 * service still answers) while any event is parked or held, or any processor segment is more than {@code max-lag}
 * positions behind the head, or stalled; {@code UP} otherwise. Shown as {@code readModels} in /actuator/health, with
 * the counts per read model, the segments behind, and (for several instances) this instance's token owner name and
 * the segments each owner holds with the position each has reached. The same figures are metrics:
 * {@code consultation_parked_events{readModel}}, {@code consultation_processor_lag{processor}} (its furthest-behind
 * segment) and {@code consultation_processor_stalled_segments{processor}}.
 */
@Component("readModels")
public class ReadModelHealth implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED",
            "Read models hold back events or lag behind the store; see the details");

    /** How this process names itself in the token store: Axon's default owner, the JVM's {@code pid@host}. */
    static final String TOKEN_OWNER = ManagementFactory.getRuntimeMXBean().getName();
    private static final String NOBODY = "(nobody)";

    private final ParkedEvents parkedEvents;
    private final ProcessorLag lag;
    private final long maxLag;
    private final Duration stallAfter;

    public ReadModelHealth(ParkedEvents parkedEvents, ProcessorLag lag, MeterRegistry meters,
                           @Value("${consultation.health.max-lag:1000}") long maxLag,
                           @Value("${consultation.health.stall-after:60s}") Duration stallAfter) {
        this.parkedEvents = parkedEvents;
        this.lag = lag;
        this.maxLag = maxLag;
        this.stallAfter = stallAfter;
        for (ReadModel model : ReadModel.values()) {
            Gauge.builder("consultation.parked.events", () -> parkedEvents.count(model))
                 .description("Events the read model holds back: parked (its projection failed) or held behind one")
                 .tag("readModel", model.id()).register(meters);
            String processor = model.processingGroup();
            Gauge.builder("consultation.processor.lag", () -> ofProcessor(processor).mapToLong(SegmentLag::lag)
                         .max().orElse(0))
                 .description("Positions between the store's head and the token of the processor's furthest-behind "
                         + "segment, read from the token store")
                 .tag("processor", processor).register(meters);
            Gauge.builder("consultation.processor.stalled.segments", () -> ofProcessor(processor)
                         .filter(SegmentLag::stalled).count())
                 .description("Segments behind the head whose token has not moved for the stall time")
                 .tag("processor", processor).register(meters);
        }
    }

    @Override
    public Health health() {
        Map<ReadModel, Long> counts = parkedEvents.counts();
        List<SegmentLag> segments = lag.segments(stallAfter);
        Map<String, Long> parked = new LinkedHashMap<>();
        counts.forEach((model, count) -> {
            if (count > 0) {
                parked.put(model.id(), count);
            }
        });
        List<Map<String, Object>> behind = segments.stream()
                .filter(segment -> segment.lag() > maxLag || segment.stalled())
                .map(segment -> Map.<String, Object>of("processor", segment.processor(),
                        "segment", segment.segment(), "lag", segment.lag(), "stalled", segment.stalled(),
                        "held", segment.owner() != null))
                .toList();
        // Which instance holds which segment, as the token store says: with several instances behind one address an
        // admin sees how the processing is split, and from tokenOwner which instance answered.
        Map<String, List<String>> byOwner = new TreeMap<>();
        segments.stream().sorted(Comparator.comparing(SegmentLag::processor).thenComparing(SegmentLag::segment))
                .forEach(segment -> byOwner.computeIfAbsent(segment.owner() == null ? NOBODY : segment.owner(),
                                                            owner -> new ArrayList<>())
                                           .add(segment.processor() + "/" + segment.segment() + "@"
                                                        + segment.position()));
        long maxSeen = segments.stream().mapToLong(SegmentLag::lag).max().orElse(0);
        Health.Builder health = parked.isEmpty() && behind.isEmpty() ? Health.up() : Health.status(DEGRADED);
        return health.withDetail("parkedEvents", parked)
                     .withDetail("maxLag", maxSeen)
                     .withDetail("maxLagAllowed", maxLag)
                     .withDetail("segmentsBehind", behind)
                     .withDetail("tokenOwner", TOKEN_OWNER)
                     .withDetail("segmentsByOwner", byOwner)
                     .build();
    }

    private java.util.stream.Stream<SegmentLag> ofProcessor(String processor) {
        return lag.segments(stallAfter).stream().filter(segment -> segment.processor().equals(processor));
    }
}
