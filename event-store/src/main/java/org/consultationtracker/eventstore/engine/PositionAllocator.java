package org.consultationtracker.eventstore.engine;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
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

    /**
     * Creates the counter before any writer races for it: concurrent first upserts could otherwise each create a
     * counter (the embedded server creates collections lazily, MongoDB may reject one upsert as a duplicate).
     */
    void ensureCounter() {
        sequences.updateOne(eq(CommitLayout.ID, CommitLayout.COUNTER_ID),
                            Updates.setOnInsert(CommitLayout.COUNTER_LAST, 0L),
                            new UpdateOptions().upsert(true));
    }

    /**
     * @return the first of {@code count} consecutive fresh positions
     * <p>Reads the counter's pre-image rather than its post-image: the embedded server (mongo-java-server 1.47.0,
     * memory backend) answers {@code returnDocument: AFTER} with a live reference that other writers may have
     * incremented again before the reply is encoded, which hands two writers the same positions. The pre-image is a
     * copy taken inside the atomic update, on every server.
     */
    long allocate(int count) {
        Document before = sequences.findOneAndUpdate(
                eq(CommitLayout.ID, CommitLayout.COUNTER_ID),
                Updates.inc(CommitLayout.COUNTER_LAST, (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long previous = before == null ? 0L : before.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
        return previous + 1;
    }

    /** @return the highest position handed out so far, 0 when none */
    long head() {
        Document counter = sequences.find(eq(CommitLayout.ID, CommitLayout.COUNTER_ID)).first();
        return counter == null ? 0L : counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
    }
}
