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
        return replayUntil(asOf, AsOfBasis.RECORDED, projections);
    }

    /**
     * A session holding the documents the given projections build from every event that, by {@code basis}, was
     * recorded (or said) at or before {@code asOf}. By time said the events are still applied in the order they were
     * recorded: a point said early but noted late lands where it was recorded, after what was recorded before it.
     */
    public InMemoryDocumentSession replayUntil(Instant asOf, AsOfBasis basis, List<Projection> projections) {
        Map<ReadModel, ParkingState> states = new EnumMap<>(ReadModel.class);
        projections.forEach(projection -> states.put(projection.model(), parkedEvents.freshState(projection.model())));
        for (int start = 0; start <= MAX_FRESH_STARTS; start++) {
            InMemoryDocumentSession session = replayOnce(asOf, basis, projections, states);
            if (session != null) {
                return session;
            }
        }
        throw new IllegalStateException("More than " + MAX_FRESH_STARTS + " events up to " + asOf
                + " cannot be applied; see the parked events");
    }

    /** When the event says it happened; one whose payload cannot be read counts at its recorded time (and parks). */
    private static Instant saidAt(TrackedEventMessage<?> event) {
        try {
            return AsOfBasis.SAID.timeOf(event.getPayload(), event.getTimestamp());
        } catch (RuntimeException unreadable) {
            return event.getTimestamp();
        }
    }

    /** The session, or null when an event failed (and was noted as parked in {@code states}). */
    private InMemoryDocumentSession replayOnce(Instant asOf, AsOfBasis basis, List<Projection> projections,
                                               Map<ReadModel, ParkingState> states) {
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (basis == AsOfBasis.RECORDED && event.getTimestamp().isAfter(asOf)) {
                    break; // the stream is in recorded order: nothing later was recorded by then
                }
                if (basis == AsOfBasis.SAID && saidAt(event).isAfter(asOf)) {
                    continue; // said later; a later record may still be of something said earlier
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
