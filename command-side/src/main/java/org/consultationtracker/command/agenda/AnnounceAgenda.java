package org.consultationtracker.command.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Record what a source announced about the agenda (how many conversations, per round), as written. */
public record AnnounceAgenda(@TargetAggregateIdentifier String agendaId, Integer announcedConversations,
                             List<Integer> announcedPerRound, String asWritten, String source, Instant occurredAt) {
}
