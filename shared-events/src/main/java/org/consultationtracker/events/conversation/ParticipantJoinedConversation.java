package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Somebody came into the room. {@code movedFromConversationId} names the room they left to come here, or is null. */
@Revision("1")
public record ParticipantJoinedConversation(String conversationId, String agendaId, int round, String participantId,
                                            String movedFromConversationId, Instant occurredAt) {
}
