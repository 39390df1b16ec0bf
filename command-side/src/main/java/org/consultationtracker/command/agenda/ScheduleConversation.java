package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ScheduleConversation(@TargetAggregateIdentifier String agendaId, String proposalId, int round,
                                   String room, Instant occurredAt) {
}
