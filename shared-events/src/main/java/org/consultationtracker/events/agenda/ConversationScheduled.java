package org.consultationtracker.events.agenda;

import org.axonframework.serialization.Revision;
import org.consultationtracker.events.Wording;

import java.time.Instant;
import java.util.List;

/**
 * A proposal got its slot; from now on it is a conversation with the proposal's id. {@code question} is the
 * proposal's current wording exactly as its own event holds it (encrypted under the proposer's words key when it
 * is theirs), so scheduling never copies a participant's words into clear. Revision 1 carried a plain string.
 */
@Revision("2")
public record ConversationScheduled(String agendaId, String conversationId, int round, String room,
                                    List<String> hostIds, Wording question, Instant occurredAt) {
}
