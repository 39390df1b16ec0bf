package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * The proposer told the room why their conversation matters (again). The pitch is encrypted with the proposer's
 * words key; a merged or split proposal has no single proposer, so its pitch is plain. Revision 1 carried a plain
 * string.
 */
@Revision("2")
public record ProposalPitched(String agendaId, String proposalId, Wording pitch, Instant occurredAt) {
}
