package org.consultationtracker.command.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record IdentifyTheme(@TargetAggregateIdentifier String reportId, String themeId, String name, String description,
                            Instant occurredAt) {
}
