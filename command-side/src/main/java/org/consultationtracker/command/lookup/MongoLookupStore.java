package org.consultationtracker.command.lookup;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Date;
import java.util.Optional;
import java.util.function.Predicate;

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
 * <p>A write is a compare-and-set: read the entry by {@code _id}; if it holds this event or a later one, leave it;
 * otherwise update it where it still holds the position just read ({@code {_id, _position}}, an equality match on
 * the unique index {@value #ENTRY_VERSION_INDEX}), or insert it when there was none (the unique {@code _id} refuses a
 * second insert). A miss means another instance wrote the entry in between: read it again. Both steps are key
 * lookups, on a real MongoDB and on the embedded server alike, which scans the whole collection for any filter other
 * than exactly an index's keys (a "no later position" range on {@code _position} would cost the whole lookup per
 * write). Entries written before positions were recorded have no {@code _position} and take any write.
 */
class MongoLookupStore implements LookupStore {

    private final MongoCollection<Document> unreadable;

    static final String COLLECTION = "command_lookup";
    static final String UNREADABLE = "command_lookup_unreadable";
    static final String POSITION = "_position";
    static final String DELETED = "deleted";
    static final String CHECKPOINT_ID = "checkpoint";
    static final String CHECKPOINT_POSITION = "position";

    /** Unique because {@code _id} is: it exists so that "this key at this position" is a key lookup. */
    static final String ENTRY_VERSION_INDEX = "unique_id_position";

    private static final int MAX_WRITE_ATTEMPTS = 5;

    private final MongoCollection<Document> entries;

    MongoLookupStore(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
        this.unreadable = database.getCollection(UNREADABLE);
        entries.createIndex(Indexes.ascending("_id", POSITION),
                new IndexOptions().unique(true).name(ENTRY_VERSION_INDEX));
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
        Document created = new Document("_id", key);
        created.putAll(values);
        write(key, position, where -> entries.updateOne(where, update).getMatchedCount() == 1, created);
    }

    @Override
    public void delete(String key, long position) {
        Document tombstone = new Document(DELETED, true).append(POSITION, position);
        write(key, position, where -> entries.replaceOne(where, tombstone).getMatchedCount() == 1,
                new Document("_id", key).append(DELETED, true).append(POSITION, position));
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

    /**
     * Writes the event at {@code position} into the entry unless it already holds that event or a later one.
     *
     * @param updateWhere updates the entry matching the filter; true when one matched
     * @param created     the whole entry, when there is none yet
     */
    private void write(String key, long position, Predicate<Bson> updateWhere, Document created) {
        for (int attempt = 1; ; attempt++) {
            Document entry = entries.find(Filters.eq("_id", key)).projection(Projections.include(POSITION)).first();
            if (entry == null) {
                try {
                    entries.insertOne(created);
                    return;
                } catch (MongoWriteException e) {
                    if (!isDuplicateKey(e) || attempt == MAX_WRITE_ATTEMPTS) {
                        throw e;
                    }
                    continue; // another instance created it in between: judge its position
                }
            }
            Number held = entry.get(POSITION, Number.class);
            if (held == null) {
                // Written before positions were recorded: takes any write. Not an index match, but once per entry.
                if (updateWhere.test(Filters.and(Filters.eq("_id", key), Filters.exists(POSITION, false)))) {
                    return;
                }
            } else if (held.longValue() >= position) {
                return; // the entry already holds this event or a later one
            } else if (updateWhere.test(new Document("_id", key).append(POSITION, held))) {
                return; // (a plain document, as Filters.and renders $and, which no index serves)
            }
            // Another instance wrote the entry between our read and our write: again, on what it holds now.
            if (attempt == MAX_WRITE_ATTEMPTS) {
                throw new IllegalStateException("The lookup entry " + key + " kept changing under " + attempt
                        + " attempts to write position " + position);
            }
        }
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
