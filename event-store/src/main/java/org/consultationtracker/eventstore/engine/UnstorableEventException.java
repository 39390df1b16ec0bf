package org.consultationtracker.eventstore.engine;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * An append refused because the store would not give back what was hashed: some text of an event has no exact BSON
 * encoding (typically a lone UTF-16 surrogate, which the BSON writer encodes as bytes that are not UTF-8 and the
 * server then replaces). Nothing of the unit of work was stored, and its positions were released.
 */
public class UnstorableEventException extends EventStoreException {

    private final String eventIdentifier;
    private final String payloadType;
    private final String field;

    public UnstorableEventException(String eventIdentifier, String payloadType, String field, String problem) {
        super("Event [" + eventIdentifier + "] (payload type " + payloadType + ") cannot be stored: "
                      + (field == null ? "" : "the field " + field + " ") + problem
                      + "; nothing of its unit of work was stored");
        this.eventIdentifier = eventIdentifier;
        this.payloadType = payloadType;
        this.field = field;
    }

    public String getEventIdentifier() {
        return eventIdentifier;
    }

    public String getPayloadType() {
        return payloadType;
    }

    /** The offending field inside the event, e.g. {@code payload.text}, or null where it could not be told. */
    public String getField() {
        return field;
    }
}
