package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.agenda.GridRound;

import java.time.Instant;
import java.util.List;

public record DefineGrid(@TargetAggregateIdentifier String agendaId, List<GridRound> rounds, List<String> rooms,
                         Instant occurredAt) {
}
