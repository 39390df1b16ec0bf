package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record PitchProposal(@TargetAggregateIdentifier String agendaId, String proposalId, String pitch,
                            Instant occurredAt) {
}
