package org.consultationtracker.command.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** @param changeNote what changed since the previous version; required from the second version on */
public record PublishReport(@TargetAggregateIdentifier String reportId, String changeNote, Instant occurredAt) {
}
