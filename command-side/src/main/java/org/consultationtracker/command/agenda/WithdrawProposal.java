package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record WithdrawProposal(@TargetAggregateIdentifier String agendaId, String proposalId, String reason,
                               Instant occurredAt) {
}
