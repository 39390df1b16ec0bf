package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The conversation's summary, citing its key points. A later summary supersedes an earlier one. */
@Revision("1")
public record ConversationSummarised(String conversationId, String summary, List<String> citedKeyPointIds,
                                     String summarisedBy, Instant occurredAt) {
}
