package org.consultationtracker.command.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record StartReport(@TargetAggregateIdentifier String reportId, String consultationId, String title,
                          Instant occurredAt) {
}
