package org.consultationtracker.query.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits until every streaming processor has reached the store's head. */
public final class Processors {

    private Processors() {
    }

    public static void awaitCaughtUp(EventProcessingConfiguration processing, EventStorageEngine engine) {
        TrackingToken head = engine.createHeadToken();
        long headPosition = head == null ? 0 : head.position().orElse(0);
        Eventually.eventually(Duration.ofSeconds(60), () -> processing.eventProcessors().values().forEach(p -> {
            StreamingEventProcessor processor = (StreamingEventProcessor) p;
            assertThat(processor.processingStatus()).as(processor.getName()).isNotEmpty();
            for (EventTrackerStatus status : processor.processingStatus().values()) {
                assertThat(status.isErrorState()).as(processor.getName() + " in error").isFalse();
                long position = status.getCurrentPosition().orElse(0);
                assertThat(position).as(processor.getName() + " segment " + status.getSegment().getSegmentId())
                                    .isGreaterThanOrEqualTo(headPosition);
            }
        }));
    }
}
