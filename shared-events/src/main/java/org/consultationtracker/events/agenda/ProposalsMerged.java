package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Similar proposals became one conversation by negotiation. The sources stay, marked merged into {@code
 * mergedProposalId}; every source host becomes a co-host of the result.
 * <p>
 * {@code question} stays plain on purpose: it is written by the facilitator with the group and agreed by every host
 * ({@code agreedBy}), so no one participant is its author. Encrypting it under one host's words key would let that
 * host's erasure take the title of a conversation the others still host; the sources' own questions, which are each
 * proposer's words, stay encrypted in their {@link ConversationProposed} events.
 */
@Revision("1")
public record ProposalsMerged(String agendaId, String mergedProposalId, List<String> sourceProposalIds, String question,
                              String rationale, List<String> agreedBy, List<String> hostIds, Instant occurredAt) {
}
