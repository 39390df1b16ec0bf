package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record StartConversation(@TargetAggregateIdentifier String conversationId, String hostId, Instant occurredAt) {
}
