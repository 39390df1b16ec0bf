package org.consultationtracker.command.participant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ConsentPurpose;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Personal data arrives already encrypted with the participant's identity key; contact and self-description may be
 * null.
 */
public record RegisterParticipant(@TargetAggregateIdentifier String participantId, String consultationId,
                                  String pseudonym, List<String> stakeholderGroupIds, AgeBand ageBand,
                                  EncryptedValue name, EncryptedValue contact, EncryptedValue selfDescription,
                                  Set<ConsentPurpose> consents, Instant occurredAt) {
}
