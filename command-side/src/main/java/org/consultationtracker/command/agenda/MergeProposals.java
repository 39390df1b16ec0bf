package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

public record MergeProposals(@TargetAggregateIdentifier String agendaId, String mergedProposalId,
                             List<String> sourceProposalIds, String question, String rationale, List<String> agreedBy,
                             Instant occurredAt) {
}
