package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A proposal turned out to differ from one it resembled: reworded and kept apart. */
@Revision("1")
public record ProposalClarified(String agendaId, String proposalId, String resembledProposalId, String question,
                                Instant occurredAt) {
}
