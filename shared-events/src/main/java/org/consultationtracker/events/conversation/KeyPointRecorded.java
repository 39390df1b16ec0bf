package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * A note-taker (or the speaker) recorded a point. {@code occurredAt} is when it was said; {@code attributedTo} is a
 * participant id or null (anonymous); {@code recordedBy} is the user who typed it. Attributed text is encrypted
 * with the speaker's words key.
 */
@Revision("1")
public record KeyPointRecorded(String conversationId, String keyPointId, KeyPointKind kind, Wording text,
                               boolean verbatim, String attributedTo, String recordedBy, Instant occurredAt) {
}
