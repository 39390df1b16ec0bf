package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A merge was undone: the merged proposal {@code mergedProposalId} leaves the agenda and its sources come back under
 * their own ids, as they were before the merge (proposer, question, pitch, clarifications). The merge itself stays in
 * the stream; this event is the second step of the lineage, with the {@code reason} and who reversed it ({@code
 * reversedBy}, a username).
 */
@Revision("1")
public record MergeReversed(String agendaId, String mergedProposalId, List<String> sourceProposalIds, String reason,
                            String reversedBy, Instant occurredAt) {
}
