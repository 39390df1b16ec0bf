package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record CloseRound(@TargetAggregateIdentifier String agendaId, int round, Instant occurredAt) {
}
