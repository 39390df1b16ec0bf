package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A proposal was taken off the grid; if it was scheduled, its slot is free again. */
@Revision("1")
public record ProposalWithdrawn(String agendaId, String proposalId, String reason, Instant occurredAt) {
}
