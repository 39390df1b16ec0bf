package org.consultationtracker.events.consultation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A consultation began, with the big question every session serves. */
@Revision("1")
public record ConsultationStarted(String consultationId, String title, String bigQuestion, Instant occurredAt) {
}
