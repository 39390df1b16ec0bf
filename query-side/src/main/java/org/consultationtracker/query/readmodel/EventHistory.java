package org.consultationtracker.query.readmodel;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Computes read models from the events up to a past moment, in memory, with the production projections: the "as of"
 * views. Reads the stream from the start and stops at the first event recorded after the instant; nothing is written.
 */
@Component
public class EventHistory {

    private final EventStorageEngine engine;

    public EventHistory(EventStorageEngine engine) {
        this.engine = engine;
    }

    /** A session holding the documents the given projections build from every event recorded at or before {@code asOf}. */
    public InMemoryDocumentSession replayUntil(Instant asOf, List<Projection> projections) {
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (event.getTimestamp().isAfter(asOf)) {
                    break;
                }
                EventContext context = EventContext.of(event, event.trackingToken());
                for (Projection projection : projections) {
                    projection.apply(event.getPayload(), context, session);
                }
            }
        }
        session.flush();
        return session;
    }
}
