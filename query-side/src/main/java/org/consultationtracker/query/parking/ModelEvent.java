package org.consultationtracker.query.parking;

import org.axonframework.eventhandling.EventMessage;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.ReadModel;

/**
 * An event as one read model takes it: payload and context, and the sequence a parked event would hold back.
 *
 * @param alwaysApplied never held behind a parked event (see {@link ParkingSequences#alwaysApplied})
 */
public record ModelEvent(Object payload, EventContext context, String sequence, boolean alwaysApplied) {

    public static ModelEvent of(ReadModel model, EventMessage<?> message, EventContext context,
                                ParkingSequences sequences) {
        return new ModelEvent(message.getPayload(), context, sequences.sequenceOf(model, message),
                ParkingSequences.alwaysApplied(message.getPayload()));
    }

    public long position() {
        return context.position();
    }

    public String eventId() {
        return context.eventId();
    }

    public String eventType() {
        return context.eventType();
    }

    public String aggregateId() {
        return context.aggregateId();
    }
}
