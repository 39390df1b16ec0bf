package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.agenda.SplitPart;

import java.time.Instant;
import java.util.List;

/** Each part names its hosts; a part with none ({@code null} or empty) is hosted by the original's hosts. */
public record SplitProposal(@TargetAggregateIdentifier String agendaId, String proposalId, List<SplitPart> parts,
                            Instant occurredAt) {
}
