package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A participant put a conversation they want to host onto the grid. */
@Revision("1")
public record ConversationProposed(String agendaId, String proposalId, String proposerId, String question, String pitch,
                                   Instant occurredAt) {
}
