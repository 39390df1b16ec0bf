package org.consultationtracker.events.agenda;

/** One of the proposals a split produced. */
public record SplitPart(String proposalId, String question) {
}
