package org.consultationtracker.query.readmodel;

import java.lang.reflect.RecordComponent;
import java.time.Instant;

/**
 * Which clock an "as of" view reads. A note typed up at noon about something said at ten is recorded at noon but said
 * at ten: as of eleven it is in the view by time said and not in it by time recorded.
 */
public enum AsOfBasis {
    /** The event's own {@code occurredAt}: when it happened in the room. */
    SAID,
    /** When the event was stored (the message timestamp): what the record held at that moment. The default. */
    RECORDED;

    /** The instant this basis reads for an event: its {@code occurredAt} by time said (recorded time if it has none). */
    public Instant timeOf(Object payload, Instant recordedAt) {
        if (this == RECORDED || payload == null || !payload.getClass().isRecord()) {
            return recordedAt;
        }
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getName().equals("occurredAt") && component.getType() == Instant.class) {
                try {
                    Instant occurredAt = (Instant) component.getAccessor().invoke(payload);
                    return occurredAt != null ? occurredAt : recordedAt;
                } catch (ReflectiveOperationException e) {
                    return recordedAt;
                }
            }
        }
        return recordedAt;
    }
}
