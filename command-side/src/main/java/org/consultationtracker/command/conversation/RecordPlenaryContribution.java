package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.Wording;

import java.time.Instant;

public record RecordPlenaryContribution(@TargetAggregateIdentifier String conversationId, String contributionId,
                                        String contributorId, Wording text, Instant occurredAt) {
}
