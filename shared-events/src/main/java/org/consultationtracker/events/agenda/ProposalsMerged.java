package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Similar proposals became one conversation by negotiation. The sources stay, marked merged into {@code
 * mergedProposalId}; every source host becomes a co-host of the result.
 */
@Revision("1")
public record ProposalsMerged(String agendaId, String mergedProposalId, List<String> sourceProposalIds, String question,
                              String rationale, List<String> agreedBy, List<String> hostIds, Instant occurredAt) {
}
