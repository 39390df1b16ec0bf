package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * What a source (e.g. the published report) announced about the agenda, recorded as written, beside what was
 * recorded: {@code announcedConversations} (null when the source gives no total) and {@code announcedPerRound}
 * (conversations per round, round 1 first; empty when not given). A later announcement supersedes an earlier one.
 */
@Revision("1")
public record AgendaAnnounced(String agendaId, Integer announcedConversations, List<Integer> announcedPerRound,
                              String asWritten, String source, Instant occurredAt) {
}
