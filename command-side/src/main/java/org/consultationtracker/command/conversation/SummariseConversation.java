package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

public record SummariseConversation(@TargetAggregateIdentifier String conversationId, String summary,
                                    List<String> citedKeyPointIds, String summarisedBy, Instant occurredAt) {
}
