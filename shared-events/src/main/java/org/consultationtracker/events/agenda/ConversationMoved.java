package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A scheduled conversation changed slot before its round opened. */
@Revision("1")
public record ConversationMoved(String agendaId, String conversationId, int fromRound, String fromRoom, int toRound,
                                String toRoom, Instant occurredAt) {
}
