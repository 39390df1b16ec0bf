package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The host opened the conversation in its room; the host counts as present from now. */
@Revision("1")
public record ConversationStarted(String conversationId, String agendaId, int round, String room, String hostId,
                                  Instant occurredAt) {
}
