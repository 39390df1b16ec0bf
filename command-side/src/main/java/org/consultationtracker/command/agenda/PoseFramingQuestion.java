package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record PoseFramingQuestion(@TargetAggregateIdentifier String agendaId, String question, Instant occurredAt) {
}
