package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/** @param mayEditOthers false when the editor acts only as a participant: they may edit only what they recorded */
public record EditKeyPoint(@TargetAggregateIdentifier String conversationId, String keyPointId, Wording text,
                           String reason, String editedBy, boolean mayEditOthers, Instant occurredAt) {
}
