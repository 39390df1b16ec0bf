package org.consultationtracker.events.consultation;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * A participant's feedback on a session as a whole ("it was so therapeutic to take part"), which belongs to no
 * conversation. {@code contributorId} is a participant id or null (anonymous); words from a named contributor are
 * encrypted with their words key, like a key point's, so erasure can withdraw them. {@code verbatim}: the text is the
 * contributor's own words, as a report may print them.
 */
@Revision("1")
public record SessionFeedbackGiven(String consultationId, String sessionId, String feedbackId, String contributorId,
                                   Wording text, boolean verbatim, Instant occurredAt) {
}
