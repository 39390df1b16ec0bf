package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordPlenarySummary(@TargetAggregateIdentifier String conversationId, String summary, String presentedBy,
                                   Instant occurredAt) {
}
