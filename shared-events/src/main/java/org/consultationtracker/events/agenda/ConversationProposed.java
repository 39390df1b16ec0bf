package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;

/**
 * A participant put a conversation they want to host onto the grid. The question and the pitch are the proposer's
 * own words, so they are encrypted with the proposer's words key (see {@link Wording}); {@code pitch} is null when
 * none was given. Revision 1 carried both as plain strings; its upcaster reads them as {@code Wording.plain}.
 */
@Revision("2")
public record ConversationProposed(String agendaId, String proposalId, String proposerId, Wording question,
                                   Wording pitch, Instant occurredAt) {
}
