package org.consultationtracker.command.participant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.participant.ContributionPolicy;

import java.time.Instant;

public record EraseParticipant(@TargetAggregateIdentifier String participantId, ContributionPolicy contributionPolicy,
                               Instant occurredAt) {
}
