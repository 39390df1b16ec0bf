package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RetractKeyPoint(@TargetAggregateIdentifier String conversationId, String keyPointId, String reason,
                              String retractedBy, Instant occurredAt) {
}
