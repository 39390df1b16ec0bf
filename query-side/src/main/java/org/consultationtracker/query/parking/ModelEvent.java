package org.consultationtracker.query.parking;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.ReadModel;

/**
 * An event as one read model takes it: its position, what it is, and the sequence a parked event would hold back.
 * Payload and metadata are read only when the event is applied, inside {@link ParkingGuard}: an event whose stored
 * form cannot be read (a payload that no longer deserializes) is then parked like one its projection fails on, instead
 * of failing the processor before any projection runs.
 *
 * @param alwaysApplied never held behind a parked event (see {@link ParkingSequences#alwaysApplied})
 */
public record ModelEvent(EventMessage<?> message, long position, String eventType, String aggregateId,
                         String sequence, boolean alwaysApplied, TrackingToken token) {

    public static ModelEvent of(ReadModel model, EventMessage<?> message, TrackingToken token,
                                ParkingSequences sequences) {
        String aggregateId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        return new ModelEvent(message, EventContext.positionOf(token), message.getPayloadType().getSimpleName(), aggregateId,
                sequences.sequenceOf(model, message), ParkingSequences.alwaysApplied(message.getPayloadType()), token);
    }

    /** The payload, deserialized on first use: this may fail for an event whose stored form cannot be read. */
    public Object payload() {
        return message.getPayload();
    }

    /** What a projection knows of the event besides its payload; reads the metadata. */
    public EventContext context() {
        return EventContext.of(message, token);
    }

    public String eventId() {
        return message.getIdentifier();
    }
}
