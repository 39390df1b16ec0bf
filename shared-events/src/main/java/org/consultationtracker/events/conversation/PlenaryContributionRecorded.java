package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * A reaction or added point in the plenary (chat) about this conversation. {@code contributorId} is a participant
 * id or null; attributed text is encrypted with their words key.
 */
@Revision("1")
public record PlenaryContributionRecorded(String conversationId, String contributionId, String contributorId,
                                          Wording text, Instant occurredAt) {
}
