package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** One proposal became several; the original stays, marked split, the parts keep its hosts. */
@Revision("1")
public record ProposalSplit(String agendaId, String proposalId, List<SplitPart> parts, List<String> hostIds,
                            Instant occurredAt) {
}
