package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record MoveConversation(@TargetAggregateIdentifier String agendaId, String conversationId, int round,
                               String room, Instant occurredAt) {
}
