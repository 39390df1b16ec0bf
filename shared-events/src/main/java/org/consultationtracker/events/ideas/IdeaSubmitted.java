package org.consultationtracker.events.ideas;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * A written idea for the Call for Ideas. {@code participantId} and {@code sessionId} may be null; text from a named
 * participant is encrypted with their words key.
 */
@Revision("1")
public record IdeaSubmitted(String ideaId, String consultationId, String sessionId, String stakeholderGroupId,
                            String participantId, Wording text, Instant occurredAt) {
}
