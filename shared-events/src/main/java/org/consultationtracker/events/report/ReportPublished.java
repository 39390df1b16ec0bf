package org.consultationtracker.events.report;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** An immutable version of the report: every section as it stood. Versions after the first say what changed. */
@Revision("1")
public record ReportPublished(String reportId, int version, String changeNote, List<PublishedSection> sections,
                              Instant occurredAt) {
}
