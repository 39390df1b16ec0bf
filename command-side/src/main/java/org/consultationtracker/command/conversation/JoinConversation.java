package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** @param movedFromConversationId the room the participant left to come here, or null */
public record JoinConversation(@TargetAggregateIdentifier String conversationId, String participantId,
                               String movedFromConversationId, Instant occurredAt) {
}
