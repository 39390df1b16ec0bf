package org.consultationtracker.query.replay;

import org.consultationtracker.query.parking.ModelEvent;
import org.consultationtracker.query.parking.ParkedEvent;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingGuard;
import org.consultationtracker.query.parking.ParkingGuard.Outcome;
import org.consultationtracker.query.parking.ParkingState;
import org.consultationtracker.query.readmodel.Projection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One read model's part of a rebuild: its session, and what it parks instead of failing. An event whose projection
 * fails is parked (and later events of its sequence held), and the changes since the session's last hand-over are
 * discarded and made again from the events applied since, which gives the documents as if the failed event had never
 * been there. Everything parked before is tried again: a rebuild is how a parked event is retried.
 */
final class ModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ModelRebuild.class);

    private final Projection projection;
    private final RebuildSession session;
    private final long generation;
    private final ParkingState state;
    private final List<ModelEvent> sinceHandOver = new ArrayList<>();
    private final List<ParkedEvent> parked = new ArrayList<>();

    ModelRebuild(Projection projection, RebuildSession session, long generation, ParkingState state) {
        this.projection = projection;
        this.session = session;
        this.generation = generation;
        this.state = state;
    }

    void apply(ModelEvent event) {
        Outcome outcome = ParkingGuard.apply(projection, state, event, session);
        switch (outcome.kind()) {
            case APPLIED -> sinceHandOver.add(event);
            case HELD -> parked.add(ParkedEvents.held(projection.model(), generation, event, outcome.heldBehind(),
                    Instant.now()));
            case FAILED -> {
                log.error("Rebuild of {} parked the event at position {} ({} of {})", projection.model().id(),
                        event.position(), event.eventType(), event.aggregateId(), outcome.error());
                parked.add(ParkedEvents.failed(projection.model(), generation, event, outcome.error(),
                        Instant.now()));
                session.discardSinceHandOver();
                sinceHandOver.forEach(earlier -> projection.apply(earlier.payload(), earlier.context(), session));
            }
            case SKIPPED -> {
                // evicted by an admin
            }
        }
    }

    void writeBehind() {
        session.writeBehind();
        sinceHandOver.clear();
    }

    void flush() {
        session.flush();
        sinceHandOver.clear();
    }

    RebuildSession session() {
        return session;
    }

    List<ParkedEvent> parked() {
        return parked;
    }
}
