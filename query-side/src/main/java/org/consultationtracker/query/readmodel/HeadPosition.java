package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.consultationtracker.eventstore.engine.CommitWindows;
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

    private static final int LOOK_BACK = 100;

    private final EventStorageEngine engine;
    private final MongoDatabase database;
    private final MongoCollection<BsonDocument> commits;

    public HeadPosition(EventStorageEngine engine, MongoDatabase database) {
        this.engine = engine;
        this.database = database;
        this.commits = database.getCollection(CommitLayout.COMMITS_COLLECTION, BsonDocument.class);
    }

    /**
     * The highest position that holds an event: the counter's position, unless the last ones handed out hold none
     * (positions sealed void after a writer lost a race, or still being written). A processor that applied every event
     * stands here, not at the counter. Looks back at most {@value #LOOK_BACK} positions, one key lookup.
     */
    public long lastEvent() {
        long counter = current();
        if (counter == 0) {
            return 0;
        }
        long from = Math.max(1, counter - LOOK_BACK + 1);
        long highest = 0;
        for (BsonDocument commit : CommitWindows.covering(commits, from, (int) (counter - from + 1))) {
            if (!commit.getBoolean(CommitLayout.VOID, BsonBoolean.FALSE).getValue()) {
                for (BsonValue position : commit.getArray(CommitLayout.POSITIONS)) {
                    long p = position.asInt64().getValue();
                    if (p <= counter) {
                        highest = Math.max(highest, p);
                    }
                }
            }
        }
        return highest > 0 || from == 1 ? highest : counter;
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
