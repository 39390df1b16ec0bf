package org.consultationtracker.command.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.report.Citation;

import java.time.Instant;
import java.util.List;

/** Writes a new section of the draft, or rewrites one; published versions are never touched. */
public record WriteReportSection(@TargetAggregateIdentifier String reportId, String sectionId, int position,
                                 String heading, String text, List<Citation> citations, Instant occurredAt) {
}
