package org.consultationtracker.events.consultation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A session of the consultation was put in the calendar. For an {@link SessionKind#OPEN_SPACE} session the
 * session id is also the id of its agenda.
 */
@Revision("1")
public record SessionScheduled(String consultationId, String sessionId, SessionKind kind, String title,
                               Instant startsAt, Instant endsAt, Instant occurredAt) {
}
