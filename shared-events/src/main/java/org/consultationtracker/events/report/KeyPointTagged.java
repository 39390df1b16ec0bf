package org.consultationtracker.events.report;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A key point was tagged with a theme of the report. */
@Revision("1")
public record KeyPointTagged(String reportId, String themeId, String keyPointId, String conversationId,
                             Instant occurredAt) {
}
