package org.consultationtracker.command.ideas;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * @param sessionId     the Call for Ideas session it answers, or null
 * @param participantId the author, or null (anonymous)
 */
public record SubmitIdea(@TargetAggregateIdentifier String ideaId, String consultationId, String sessionId,
                         String stakeholderGroupId, String participantId, Wording text, Instant occurredAt) {
}
