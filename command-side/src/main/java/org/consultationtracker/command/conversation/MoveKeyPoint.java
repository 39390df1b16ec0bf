package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Move a mis-filed key point from {@code conversationId} (which holds it) to {@code toConversationId}; {@code movedBy}
 * is a username.
 */
public record MoveKeyPoint(@TargetAggregateIdentifier String conversationId, String keyPointId,
                           String toConversationId, String reason, String movedBy, Instant occurredAt) {
}
