package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ClarifyProposal(@TargetAggregateIdentifier String agendaId, String proposalId, String resembledProposalId,
                              String question, Instant occurredAt) {
}
