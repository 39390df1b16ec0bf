package org.consultationtracker.events.report;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A section of the draft was written or rewritten; its citations point at things that exist. Published versions are
 * not affected.
 */
@Revision("1")
public record ReportSectionWritten(String reportId, String sectionId, int position, String heading, String text,
                                   List<Citation> citations, Instant occurredAt) {
}
