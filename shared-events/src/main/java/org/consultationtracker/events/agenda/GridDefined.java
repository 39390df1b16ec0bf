package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The grid of the marketplace: rounds with their times, times rooms. Slots are (round, room). */
@Revision("1")
public record GridDefined(String agendaId, List<GridRound> rounds, List<String> rooms, Instant occurredAt) {
}
