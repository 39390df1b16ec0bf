package org.consultationtracker.command.consultation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DefineStakeholderGroup(@TargetAggregateIdentifier String consultationId, String groupId, String name,
                                     Instant occurredAt) {
}
