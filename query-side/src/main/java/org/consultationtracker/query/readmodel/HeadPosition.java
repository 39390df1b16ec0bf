package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;

/**
 * The store's head position, which a rebuild measures its progress against: the index of the engine's
 * {@code createHeadToken()}, i.e. the highest position the store's counter has handed out.
 * <p>
 * Read from the counter document rather than through {@code createHeadToken()} because the latter also probes the
 * last 1,000 positions for writes in flight, and on the embedded server that probe returns every commit once per
 * matching position (tens of MB): asked twice a second, it halved the speed of a rebuild.
 */
@Component
public class HeadPosition {

    private final EventStorageEngine engine;
    private final MongoDatabase database;

    public HeadPosition(EventStorageEngine engine, MongoDatabase database) {
        this.engine = engine;
        this.database = database;
    }

    public long current() {
        Document counter = database.getCollection(CommitLayout.SEQUENCES_COLLECTION).find(eq("_id", CommitLayout.COUNTER_ID)).first();
        if (counter != null) {
            return counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
        }
        try {
            TrackingToken head = engine.createHeadToken();
            return head == null ? 0 : head.position().orElse(0);
        } catch (IllegalArgumentException e) {
            // event-store 0.1.0 cannot build a head token while its highest allocated position is still empty
            return 0;
        }
    }
}
