package org.consultationtracker.events.agenda;

import java.util.List;

/**
 * One of the proposals a split produced. {@code question} is plain, like a merged question: the facilitator words
 * the parts when a proposal turns out to hold several conversations, so they are agenda text rather than the
 * proposer's own words (which stay encrypted in the original's {@link ConversationProposed}).
 * <p>
 * {@code hostIds} are the participants who host this part. In a {@code ProposalSplit} event they are always named
 * (a part given no hosts takes the original's); revision 1 events had no hosts per part, and their upcaster gives
 * every part the original's hosts, which is what a revision 1 split meant.
 */
public record SplitPart(String proposalId, String question, List<String> hostIds) {
}
