package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** @param movedToConversationId the room the participant is leaving for, or null */
public record LeaveConversation(@TargetAggregateIdentifier String conversationId, String participantId,
                                String movedToConversationId, Instant occurredAt) {
}
