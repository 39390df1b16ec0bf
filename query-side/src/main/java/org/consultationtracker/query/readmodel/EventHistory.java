package org.consultationtracker.query.readmodel;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.consultationtracker.query.parking.ModelEvent;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingGuard;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.parking.ParkingState;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Computes read models from the events up to a past moment, in memory, with the production projections: the "as of"
 * views. Reads the stream from the start and stops at the first event recorded after the instant; nothing is written.
 * An event a projection cannot apply is left out as the live read models park it (its sequence held behind it): the
 * replay starts over without it, since an in-memory view cannot undo half an event.
 */
@Component
public class EventHistory {

    /** Replays started over for events that could not be applied before the view is given up. */
    static final int MAX_FRESH_STARTS = 20;

    private final EventStorageEngine engine;
    private final ParkedEvents parkedEvents;
    private final ParkingSequences sequences;

    public EventHistory(EventStorageEngine engine, ParkedEvents parkedEvents, ParkingSequences sequences) {
        this.engine = engine;
        this.parkedEvents = parkedEvents;
        this.sequences = sequences;
    }

    /** A session holding the documents the given projections build from every event recorded at or before {@code asOf}. */
    public InMemoryDocumentSession replayUntil(Instant asOf, List<Projection> projections) {
        Map<ReadModel, ParkingState> states = new EnumMap<>(ReadModel.class);
        projections.forEach(projection -> states.put(projection.model(), parkedEvents.freshState(projection.model())));
        for (int start = 0; start <= MAX_FRESH_STARTS; start++) {
            InMemoryDocumentSession session = replayOnce(asOf, projections, states);
            if (session != null) {
                return session;
            }
        }
        throw new IllegalStateException("More than " + MAX_FRESH_STARTS + " events up to " + asOf
                + " cannot be applied; see the parked events");
    }

    /** The session, or null when an event failed (and was noted as parked in {@code states}). */
    private InMemoryDocumentSession replayOnce(Instant asOf, List<Projection> projections,
                                               Map<ReadModel, ParkingState> states) {
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (event.getTimestamp().isAfter(asOf)) {
                    break;
                }
                for (Projection projection : projections) {
                    ModelEvent modelEvent = ModelEvent.of(projection.model(), event, event.trackingToken(), sequences);
                    ParkingGuard.Outcome outcome = ParkingGuard.apply(projection, states.get(projection.model()),
                            modelEvent, session);
                    if (outcome.kind() == ParkingGuard.Kind.FAILED) {
                        return null;
                    }
                }
            }
        }
        session.flush();
        return session;
    }
}
