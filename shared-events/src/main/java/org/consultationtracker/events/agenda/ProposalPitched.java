package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The proposer told the room why their conversation matters (again). */
@Revision("1")
public record ProposalPitched(String agendaId, String proposalId, String pitch, Instant occurredAt) {
}
