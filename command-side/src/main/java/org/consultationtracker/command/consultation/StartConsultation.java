package org.consultationtracker.command.consultation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** @param stakeholderGroups empty for {@link StakeholderGroup#DEFAULT_SET} */
public record StartConsultation(@TargetAggregateIdentifier String consultationId, String title, String bigQuestion,
                                List<StakeholderGroup> stakeholderGroups, Instant occurredAt) {
}
