package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Undo a merge: the merged proposal leaves the agenda, its sources come back. {@code reversedBy} is a username. */
public record ReverseMerge(@TargetAggregateIdentifier String agendaId, String mergedProposalId, String reason,
                           String reversedBy, Instant occurredAt) {
}
