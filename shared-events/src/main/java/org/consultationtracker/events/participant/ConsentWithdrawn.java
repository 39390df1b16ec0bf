package org.consultationtracker.events.participant;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ConsentWithdrawn(String participantId, ConsentPurpose purpose, Instant occurredAt) {
}
