package org.consultationtracker.events.report;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The review team began a report for the consultation. */
@Revision("1")
public record ReportStarted(String reportId, String consultationId, String title, Instant occurredAt) {
}
