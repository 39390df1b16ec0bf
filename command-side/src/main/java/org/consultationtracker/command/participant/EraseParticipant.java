package org.consultationtracker.command.participant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;

import java.time.Instant;

/**
 * @param requestedBy      the participant themself, or staff on their behalf (never NOT_RECORDED: that is only how
 *                         erasures from before this was asked read)
 * @param reason           why, naming the request and not the person: it is kept in clear for good
 * @param requestReference where a request made on their behalf is recorded; required then, optional otherwise
 */
public record EraseParticipant(@TargetAggregateIdentifier String participantId, ContributionPolicy contributionPolicy,
                               ErasureRequester requestedBy, String reason, String requestReference,
                               Instant occurredAt) {
}
