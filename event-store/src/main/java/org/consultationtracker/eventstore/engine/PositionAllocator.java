package org.consultationtracker.eventstore.engine;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import static com.mongodb.client.model.Filters.eq;

/**
 * Hands out global positions shared by every writer, in any process: one atomic increment on one counter document.
 * A position handed out is either filled by its commit or, if the writer never commits, sealed as void by a reader
 * after the gap timeout; it is never reused.
 */
class PositionAllocator {

    private final MongoCollection<Document> sequences;

    PositionAllocator(MongoCollection<Document> sequences) {
        this.sequences = sequences;
    }

    /** @return the first of {@code count} consecutive fresh positions */
    long allocate(int count) {
        Document counter = sequences.findOneAndUpdate(
                eq(CommitLayout.ID, CommitLayout.COUNTER_ID),
                Updates.inc(CommitLayout.COUNTER_LAST, (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long last = counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
        return last - count + 1;
    }

    /** @return the highest position handed out so far, 0 when none */
    long head() {
        Document counter = sequences.find(eq(CommitLayout.ID, CommitLayout.COUNTER_ID)).first();
        return counter == null ? 0L : counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
    }
}
