package org.consultationtracker.events.report;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A theme the report will use to group key points. */
@Revision("1")
public record ThemeIdentified(String reportId, String themeId, String name, String description, Instant occurredAt) {
}
