package org.consultationtracker.events.agenda;

/**
 * One of the proposals a split produced. {@code question} is plain, like a merged question: the facilitator words
 * the parts when a proposal turns out to hold several conversations, so they are agenda text rather than the
 * proposer's own words (which stay encrypted in the original's {@link ConversationProposed}).
 */
public record SplitPart(String proposalId, String question) {
}
