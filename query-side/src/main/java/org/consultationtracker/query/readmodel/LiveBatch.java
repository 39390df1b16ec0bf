package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import org.consultationtracker.eventstore.config.StoreFailures;
import org.consultationtracker.query.parking.ModelEvent;
import org.consultationtracker.query.parking.ParkedEvent;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingGuard;
import org.consultationtracker.query.parking.ParkingGuard.Outcome;
import org.consultationtracker.query.parking.ParkingState;
import org.consultationtracker.query.parking.WriteFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One processor batch of one read model. Events are taken as the processor delivers them and applied at the batch's
 * end, when all are known: a {@link Rehearsal} of the whole batch first finds the documents it will ask for, which are
 * then loaded with one bulk read per collection (and a few more rounds for documents found through those) instead of
 * one round trip per document. Events are applied to documents in memory; nothing is written before the batch's end, so an event whose projection fails is undone by starting the batch's documents afresh from the store and
 * applying again the events before it (which did not fail, and give the same result again), while the failed event is
 * parked and later events of its sequence are held. A batch whose write the store refuses for its content (a document
 * too large, a value it cannot encode) is written again event by event, to find and park the event behind it.
 */
final class LiveBatch {

    private static final Logger log = LoggerFactory.getLogger(LiveBatch.class);

    private final Projection projection;
    private final MongoDatabase database;
    private final long generation;
    private final ParkedEvents parkedEvents;
    private final ParkingState state;
    private final List<ModelEvent> pending = new ArrayList<>();
    private final List<ModelEvent> applied = new ArrayList<>();
    private final List<ParkedEvent> parked = new ArrayList<>();
    private final Sessions sessions;
    private final String segment;
    private MongoDocumentSession session;

    LiveBatch(Projection projection, MongoDatabase database, long generation, ParkedEvents parkedEvents,
              ParkingState state) {
        this(projection, database, generation, parkedEvents, state, null, MongoDocumentSession::new);
    }

    /** How a batch opens its sessions (a test opens ones that stop writing part way). */
    interface Sessions {
        MongoDocumentSession open(MongoDatabase database, ReadModel model, long generation);
    }

    /** A batch of processor segment {@code segment} (null: not known), which alone recovers that segment's journals. */
    LiveBatch(Projection projection, MongoDatabase database, long generation, ParkedEvents parkedEvents,
              ParkingState state, String segment, Sessions sessions) {
        this.sessions = sessions;
        this.segment = segment;
        this.projection = projection;
        this.database = database;
        this.generation = generation;
        this.parkedEvents = parkedEvents;
        this.state = state;
        // A batch of this model cut short by a stopped writer is completed before anything is read for this one.
        BatchJournal.recover(database, projection.model(), generation, segment);
        this.session = newSession();
    }

    long generation() {
        return generation;
    }

    /** Takes the batch's next event; it is applied by {@link #write}. */
    void add(ModelEvent event) {
        pending.add(event);
    }

    /** Loads what the events taken since the last call need, in bulk, and applies them in order. */
    private void applyPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<ModelEvent> events = new ArrayList<>(pending);
        pending.clear();
        prefetch(events);
        for (int i = 0; i < events.size(); i++) {
            ModelEvent event = events.get(i);
            Outcome outcome = ParkingGuard.apply(projection, state, event, session);
            switch (outcome.kind()) {
                case APPLIED -> applied.add(event);
                case HELD -> parked.add(ParkedEvents.held(model(), generation, event, outcome.heldBehind(),
                                                          Instant.now()));
                case FAILED -> {
                    park(event, outcome.error());
                    session = newSession();
                    List<ModelEvent> again = new ArrayList<>(applied);
                    again.addAll(events.subList(i + 1, events.size()));
                    prefetch(again);
                    applied.forEach(earlier -> projection.apply(earlier.payload(), earlier.context(), session));
                }
                case SKIPPED -> {
                    // evicted, or parked or held already
                }
            }
        }
    }

    /**
     * Rehearses {@code events} to load what they will ask for. Only events the parking state lets through are
     * rehearsed; the state itself is left alone (it is read, never changed), and a projection's failure only ends
     * that event's rehearsal: the real application decides what happens to it.
     */
    private void prefetch(List<ModelEvent> events) {
        Rehearsal.prefetch(session, rehearsal -> {
            for (ModelEvent event : events) {
                if (state.decide(event.position(), event.sequence(), event.alwaysApplied())
                        != ParkingState.Decision.APPLY) {
                    continue;
                }
                try {
                    projection.apply(event.payload(), event.context(), rehearsal);
                } catch (RuntimeException e) {
                    if (StoreFailures.causedByStore(e)) {
                        throw e;
                    }
                    // applied for real below, where it is parked if it fails again
                }
            }
        });
    }

    /**
     * Applies the events taken since the last call, records what was parked, then writes the documents; a second call
     * writes only what changed since.
     */
    void write() {
        applyPending();
        if (!parked.isEmpty()) {
            parkedEvents.record(parked);
            parked.clear();
        }
        try {
            session.flush();
        } catch (RuntimeException e) {
            if (!WriteFailures.causedByContent(e)) {
                throw e; // the store's failure: the batch is retried
            }
            writeEventByEvent();
        }
    }

    /**
     * The batch's write was refused for what it held: each event is applied and written on its own (documents loaded
     * afresh each time, so each write holds the events before it) and the one whose write is refused is parked. Parts
     * of that event's documents the store did accept stay until the next rebuild.
     */
    private void writeEventByEvent() {
        List<ModelEvent> events = new ArrayList<>(applied);
        applied.clear();
        for (ModelEvent event : events) {
            session = newSession();
            Outcome outcome = ParkingGuard.apply(projection, state, event, session);
            if (outcome.kind() == ParkingGuard.Kind.HELD) {
                parked.add(ParkedEvents.held(model(), generation, event, outcome.heldBehind(), Instant.now()));
                continue;
            }
            if (outcome.kind() != ParkingGuard.Kind.APPLIED) {
                continue;
            }
            try {
                session.flush();
                applied.add(event);
            } catch (RuntimeException e) {
                if (!WriteFailures.causedByContent(e)) {
                    throw e;
                }
                state.failed(event.position(), event.sequence());
                park(event, e);
            }
        }
        parkedEvents.record(parked);
        parked.clear();
        session = newSession();
    }

    private void park(ModelEvent event, RuntimeException error) {
        log.error("Read model {} parked the event at position {} ({} of {}): its sequence {} waits until it is "
                        + "retried or evicted", model().id(), event.position(), event.eventType(), event.aggregateId(),
                event.sequence(), error);
        parked.add(ParkedEvents.failed(model(), generation, event, error, Instant.now()));
    }

    private ReadModel model() {
        return projection.model();
    }

    private MongoDocumentSession newSession() {
        return sessions.open(database, projection.model(), generation).writingFor(segment);
    }
}
