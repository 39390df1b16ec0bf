package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consultationtracker.events.agenda.SplitPart;

import java.time.Instant;
import java.util.List;

public record SplitProposal(@TargetAggregateIdentifier String agendaId, String proposalId, List<SplitPart> parts,
                            Instant occurredAt) {
}
