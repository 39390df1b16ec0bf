package org.consultationtracker.events.report;

/** A pointer from a report section to the evidence behind it. */
public record Citation(CitationKind kind, String targetId) {
}
