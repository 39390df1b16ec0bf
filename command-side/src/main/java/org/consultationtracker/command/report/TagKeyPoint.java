package org.consultationtracker.command.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record TagKeyPoint(@TargetAggregateIdentifier String reportId, String themeId, String keyPointId,
                          Instant occurredAt) {
}
