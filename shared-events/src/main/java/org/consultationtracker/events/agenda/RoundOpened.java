package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A conversation round began: its conversations can start and people can join them. */
@Revision("1")
public record RoundOpened(String agendaId, int round, Instant occurredAt) {
}
