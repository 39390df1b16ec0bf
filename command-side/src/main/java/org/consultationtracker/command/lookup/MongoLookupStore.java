package org.consultationtracker.command.lookup;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Date;
import java.util.Optional;

/**
 * The lookup in the MongoDB collection {@code command_lookup}, one document per key ({@code _id}):
 * <pre>
 * {_id: "round:create:1", status: "OPEN", _position: 42}      an entry, last written by the event at position 42
 * {_id: "conversation:p-3", deleted: true, _position: 57}     a tombstone: absent to readers
 * {_id: "checkpoint", position: 57}                           every event up to position 57 has been applied
 * </pre>
 * Lookup keys always hold a colon, so the checkpoint's {@code _id} can never be one of them; dropping the collection
 * drops the checkpoint with it, and the next catch-up rebuilds everything from the first event.
 *
 * <p>A write is one conditional update by {@code _id}: "this key, holding no event at or after my position". When an
 * entry holds a later event the filter misses, the upsert tries to insert a second document with the same key and the
 * unique {@code _id} refuses it; that refusal is the expected "already newer" answer, confirmed by reading the entry.
 * Entries written before positions were recorded have no {@code _position} and take any write.
 */
class MongoLookupStore implements LookupStore {

    private final MongoCollection<Document> unreadable;

    static final String COLLECTION = "command_lookup";
    static final String UNREADABLE = "command_lookup_unreadable";
    static final String POSITION = "_position";
    static final String DELETED = "deleted";
    static final String CHECKPOINT_ID = "checkpoint";
    static final String CHECKPOINT_POSITION = "position";

    private static final int MAX_WRITE_ATTEMPTS = 5;

    private final MongoCollection<Document> entries;

    MongoLookupStore(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
        this.unreadable = database.getCollection(UNREADABLE);
    }

    @Override
    public Optional<Document> find(String key) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", key)).first())
                .filter(entry -> !entry.getBoolean(DELETED, false));
    }

    @Override
    public void merge(String key, Document fields, long position) {
        Document values = new Document(fields).append(POSITION, position);
        Bson update = Updates.combine(new Document("$set", values), Updates.unset(DELETED));
        write(key, position, () -> entries.updateOne(holdingNothingFrom(key, position), update,
                new UpdateOptions().upsert(true)));
    }

    @Override
    public void delete(String key, long position) {
        Document tombstone = new Document(DELETED, true).append(POSITION, position);
        write(key, position, () -> entries.replaceOne(holdingNothingFrom(key, position), tombstone,
                new ReplaceOptions().upsert(true)));
    }

    @Override
    public long checkpoint() {
        Document checkpoint = entries.find(Filters.eq("_id", CHECKPOINT_ID)).first();
        return checkpoint == null ? 0L : checkpoint.get(CHECKPOINT_POSITION, Number.class).longValue();
    }

    @Override
    public void advanceCheckpoint(long position) {
        for (int attempt = 1; ; attempt++) {
            try {
                entries.updateOne(Filters.eq("_id", CHECKPOINT_ID), Updates.max(CHECKPOINT_POSITION, position),
                        new UpdateOptions().upsert(true));
                return;
            } catch (MongoWriteException e) {
                // Two instances creating the checkpoint at once: one insert wins, the other now finds it.
                if (!isDuplicateKey(e) || attempt == MAX_WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Bson holdingNothingFrom(String key, long position) {
        return Filters.and(Filters.eq("_id", key), Filters.not(Filters.gte(POSITION, position)));
    }

    private void write(String key, long position, Runnable conditionalUpsert) {
        for (int attempt = 1; ; attempt++) {
            try {
                conditionalUpsert.run();
                return;
            } catch (MongoWriteException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                if (positionOf(key) >= position) {
                    return; // the entry already holds this event or a later one
                }
                // Another instance created the entry between our filter and our insert, at an earlier event: again.
                if (attempt == MAX_WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private long positionOf(String key) {
        Document entry = entries.find(Filters.eq("_id", key)).first();
        Number position = entry == null ? null : entry.get(POSITION, Number.class);
        return position == null ? 0L : position.longValue();
    }

    private static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    @Override
    public void recordUnreadable(long position, String eventId, String payloadType, String error) {
        unreadable.updateOne(Filters.eq("_id", position), Updates.combine(
                        Updates.setOnInsert("eventId", eventId),
                        Updates.setOnInsert("payloadType", payloadType),
                        Updates.setOnInsert("error", error),
                        Updates.setOnInsert("at", new Date())),
                new UpdateOptions().upsert(true));
    }

    @Override
    public long unreadableCount() {
        return unreadable.countDocuments();
    }
}
