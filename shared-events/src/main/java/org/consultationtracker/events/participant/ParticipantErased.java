package org.consultationtracker.events.participant;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The participant's keys were destroyed (crypto-shredding) according to {@code contributionPolicy}. Read models drop
 * what they held about the person; the participant can do nothing more.
 */
@Revision("1")
public record ParticipantErased(String participantId, ContributionPolicy contributionPolicy, Instant occurredAt) {
}
