package org.consultationtracker.command.api;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * When a commanded thing happened: what the request says (a note typed up later keeps its real time), or now.
 */
@Component
public class OccurrenceTime {

    private final Clock clock;

    OccurrenceTime() {
        this(Clock.systemUTC());
    }

    OccurrenceTime(Clock clock) {
        this.clock = clock;
    }

    public Instant orNow(Instant occurredAt) {
        return occurredAt != null ? occurredAt : clock.instant();
    }
}
