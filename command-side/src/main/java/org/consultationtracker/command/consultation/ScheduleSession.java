package org.consultationtracker.command.consultation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.consultation.SessionKind;

import java.time.Instant;

public record ScheduleSession(@TargetAggregateIdentifier String consultationId, String sessionId, SessionKind kind,
                              String title, Instant startsAt, Instant endsAt, Instant occurredAt) {
}
