package org.consultationtracker.command.participant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.participant.ConsentPurpose;

import java.time.Instant;

public record GiveConsent(@TargetAggregateIdentifier String participantId, ConsentPurpose purpose, Instant occurredAt) {
}
