package org.consultationtracker.events.report;

import java.util.List;

/** A section exactly as it was published in one version. */
public record PublishedSection(String sectionId, int position, String heading, String text, List<Citation> citations) {
}
