package org.consultationtracker.query.readmodel;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Instant;

/**
 * What a projection knows about an event besides its payload.
 *
 * @param position   the event's global position in the store; documents remember the last one applied to them
 * @param recordedAt when the event was stored (the message timestamp), as opposed to the payload's occurredAt
 * @param actor      metadata {@code actor}, or null
 * @param role       metadata {@code role}, or null
 */
public record EventContext(long position, String eventId, String eventType, String aggregateId, Instant recordedAt,
                           String actor, String role) {

    public static EventContext of(EventMessage<?> message, TrackingToken token) {
        long position = positionOf(token);
        String aggregateId = message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : null;
        return new EventContext(position, message.getIdentifier(), message.getPayloadType().getSimpleName(),
                                aggregateId, message.getTimestamp(),
                                stringOrNull(message.getMetaData().get("actor")),
                                stringOrNull(message.getMetaData().get("role")));
    }

    /** The global position a token stands at: read models need it to remember what each document holds. */
    public static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(
                () -> new IllegalStateException("A read model needs events with a position; got token " + token));
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}
