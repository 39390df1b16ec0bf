package org.consultationtracker.events.participant;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ConsentGiven(String participantId, ConsentPurpose purpose, Instant occurredAt) {
}
