package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/** A key point was reworded for clarity; the original and every earlier edit stay in the stream. */
@Revision("1")
public record KeyPointEdited(String conversationId, String keyPointId, Wording text, String reason, String editedBy,
                             Instant occurredAt) {
}
