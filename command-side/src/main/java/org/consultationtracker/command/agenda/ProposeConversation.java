package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ProposeConversation(@TargetAggregateIdentifier String agendaId, String proposalId, String proposerId,
                                  String question, String pitch, Instant occurredAt) {
}
