package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A key point was withdrawn from the record (it stays in the stream, marked retracted, with the reason). */
@Revision("1")
public record KeyPointRetracted(String conversationId, String keyPointId, String reason, String retractedBy,
                                Instant occurredAt) {
}
