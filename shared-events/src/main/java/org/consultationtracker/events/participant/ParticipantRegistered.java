package org.consultationtracker.events.participant;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.EncryptedValue;

import java.time.Instant;
import java.util.List;

/**
 * Somebody joined the consultation. The pseudonym is public (it is what the room and the read models show); personal
 * data is only ever stored encrypted with the participant's identity key.
 *
 * @param contact         {@code null} when none was given
 * @param selfDescription {@code null} when none was given
 */
@Revision("1")
public record ParticipantRegistered(String participantId, String consultationId, String pseudonym,
                                    List<String> stakeholderGroupIds, AgeBand ageBand, EncryptedValue name,
                                    EncryptedValue contact, EncryptedValue selfDescription, Instant occurredAt) {
}
