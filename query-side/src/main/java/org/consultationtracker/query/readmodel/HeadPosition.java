package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;

/** The store's head position: what a rebuild measures its progress against. */
@Component
public class HeadPosition {

    private final EventStorageEngine engine;
    private final MongoDatabase database;

    public HeadPosition(EventStorageEngine engine, MongoDatabase database) {
        this.engine = engine;
        this.database = database;
    }

    public long current() {
        try {
            TrackingToken head = engine.createHeadToken();
            return head == null ? 0 : head.position().orElse(0);
        } catch (IllegalArgumentException e) {
            // The engine cannot build a head token while its highest allocated position is still empty (event-store
            // 0.1.0 builds a GapAwareTrackingToken whose gap equals its index); the counter has the same number.
            Document counter = database.getCollection("sequences").find(eq("_id", CommitLayout.COUNTER_ID)).first();
            return counter == null ? 0 : counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
        }
    }
}
