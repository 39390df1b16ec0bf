package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * A proposal turned out to differ from one it resembled: reworded and kept apart. The new wording is the proposer's
 * question reworded with them, so it is theirs: encrypted with their words key (plain for a merged or split proposal,
 * which has no single proposer). Revision 1 carried a plain string.
 */
@Revision("2")
public record ProposalClarified(String agendaId, String proposalId, String resembledProposalId, Wording question,
                                Instant occurredAt) {
}
