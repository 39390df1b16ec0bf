package org.consultationtracker.command.feedback;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * @param contributorId the participant who gave it, or null (anonymous)
 * @param verbatim      the text is the contributor's own words
 */
public record GiveSessionFeedback(@TargetAggregateIdentifier String feedbackId, String consultationId,
                                  String sessionId, String contributorId, Wording text, boolean verbatim,
                                  Instant occurredAt) {
}
