package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.KeyPointKind;

import java.time.Instant;

/**
 * @param occurredAt when it was said (a note typed up later keeps its real time)
 * @param recordedBy the user who typed it
 */
public record RecordKeyPoint(@TargetAggregateIdentifier String conversationId, String keyPointId, KeyPointKind kind,
                             Wording text, boolean verbatim, String attributedTo, String recordedBy,
                             Instant occurredAt) {
}
