package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A proposal got its slot; from now on it is a conversation with the proposal's id. */
@Revision("1")
public record ConversationScheduled(String agendaId, String conversationId, int round, String room,
                                    List<String> hostIds, String question, Instant occurredAt) {
}
