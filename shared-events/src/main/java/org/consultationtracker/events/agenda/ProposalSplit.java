package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * One proposal became several; the original stays, marked split. {@code hostIds} are the original's hosts; each part
 * names its own ({@link SplitPart#hostIds()}). Revision 1 had no hosts per part (every part kept the original's); its
 * upcaster copies {@code hostIds} into each part.
 */
@Revision("2")
public record ProposalSplit(String agendaId, String proposalId, List<SplitPart> parts, List<String> hostIds,
                            Instant occurredAt) {
}
