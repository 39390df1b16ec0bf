package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Somebody left the room. {@code movedToConversationId} names the room they went to, or is null. */
@Revision("1")
public record ParticipantLeftConversation(String conversationId, String agendaId, int round, String participantId,
                                          String movedToConversationId, Instant occurredAt) {
}
