package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A conversation round ended; nobody joins its conversations any more. */
@Revision("1")
public record RoundClosed(String agendaId, int round, Instant occurredAt) {
}
