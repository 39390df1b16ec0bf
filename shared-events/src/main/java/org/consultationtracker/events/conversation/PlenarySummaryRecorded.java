package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** What the host told the plenary after the round. {@code presentedBy} is a participant id or null. */
@Revision("1")
public record PlenarySummaryRecorded(String conversationId, String agendaId, int round, String summary,
                                     String presentedBy, Instant occurredAt) {
}
