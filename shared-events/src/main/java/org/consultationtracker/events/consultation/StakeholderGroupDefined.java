package org.consultationtracker.events.consultation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A consultation names one of the groups whose voices it counts separately (data, not an enum). */
@Revision("1")
public record StakeholderGroupDefined(String consultationId, String groupId, String name, Instant occurredAt) {
}
