package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The question the Open Space answers was posed (again, if reworded). The first one opens the agenda. */
@Revision("1")
public record FramingQuestionPosed(String agendaId, String consultationId, String question, Instant occurredAt) {
}
