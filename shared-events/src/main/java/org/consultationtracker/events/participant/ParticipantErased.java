package org.consultationtracker.events.participant;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The participant's keys were destroyed (crypto-shredding) according to {@code contributionPolicy}. Read models drop
 * what they held about the person; the participant can do nothing more.
 *
 * <p>Who asked and why are kept in clear, for good, in this immutable event: they must outlive the erasure they
 * account for, so they cannot be sealed with the participant's keys that the erasure destroys. The reason and the
 * reference therefore name the request ("asked in the app", "letter of 2026-11-02, case 42"), never the person.
 *
 * <p>Revision 2 added {@code requestedBy}, {@code reason} and {@code requestReference}; revision-1 events read as
 * {@link ErasureRequester#NOT_RECORDED} with no reason and no reference (see the event store's upcaster).
 *
 * @param requestedBy      who asked: the participant themself, or staff on their behalf
 * @param reason           why, in the requester's words (null only on events from before this was asked)
 * @param requestReference where a request made on the participant's behalf is recorded; null when they asked
 *                         themselves and gave none
 */
@Revision("2")
public record ParticipantErased(String participantId, ContributionPolicy contributionPolicy,
                                ErasureRequester requestedBy, String reason, String requestReference,
                                Instant occurredAt) {
}
