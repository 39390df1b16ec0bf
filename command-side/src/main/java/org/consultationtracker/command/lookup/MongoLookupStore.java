package org.consultationtracker.command.lookup;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>{@link #writeAll} does the same for a whole window of the catch-up at once: one read of the positions the window's
 * keys hold ({@code _id $in}), then one unordered bulk write with one compare-and-set (or insert) per key carrying
 * all the window's changes to it that are later than what it holds. Keys another instance wrote in between are read
 * and written again, as single writes are.
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
    /** Keys per {@code $in} read of the positions a window's entries hold. */
    private static final int KEYS_PER_READ = 1_000;

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
    public void writeAll(Map<String, List<EntryChange>> changesByKey) {
        Map<String, List<EntryChange>> behind = changesByKey;
        for (int attempt = 1; !behind.isEmpty(); attempt++) {
            Map<String, Held> held = heldPositions(behind.keySet());
            List<WriteModel<Document>> writes = new ArrayList<>();
            Map<String, List<EntryChange>> written = new LinkedHashMap<>();
            behind.forEach((key, changes) -> {
                Held entry = held.get(key);
                List<EntryChange> later = changes.stream()
                        .filter(change -> entry == null || entry.position() == null
                                || change.position() > entry.position())
                        .toList();
                if (!later.isEmpty()) {
                    writes.add(writeOf(key, entry, later));
                    written.put(key, later);
                }
            });
            if (writes.isEmpty() || wroteEach(writes)) {
                return;
            }
            // Another instance wrote some of these entries between our read and our write: again, on what they hold
            // now (the ones we did write now hold our last change and drop out).
            if (attempt == MAX_WRITE_ATTEMPTS) {
                throw new IllegalStateException("Lookup entries kept changing under " + attempt
                        + " attempts to write a window of " + changesByKey.size() + " entries");
            }
            behind = written;
        }
    }

    /** True when every write matched (or inserted) its entry; false when a compare-and-set or an insert missed. */
    private boolean wroteEach(List<WriteModel<Document>> writes) {
        try {
            BulkWriteResult result = entries.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return result.getInsertedCount() + result.getMatchedCount() == writes.size();
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            return false; // an insert met an entry another instance created: judge its position
        }
    }

    /** The position each existing entry holds ({@code null} inside: written before positions were recorded). */
    private Map<String, Held> heldPositions(Set<String> keys) {
        Map<String, Held> held = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_READ) {
            List<String> some = all.subList(from, Math.min(all.size(), from + KEYS_PER_READ));
            for (Document entry : entries.find(Filters.in("_id", some)).projection(Projections.include(POSITION))) {
                Number position = entry.get(POSITION, Number.class);
                held.put(entry.getString("_id"), new Held(position == null ? null : position.longValue()));
            }
        }
        return held;
    }

    /**
     * One write carrying the changes (all later than what the entry holds) to one key: what applying them one by one
     * would leave. After a deletion the entry starts afresh, so the last deletion and what follows it replace the
     * entry; without one the changes' fields are set on it in order.
     */
    private static WriteModel<Document> writeOf(String key, Held entry, List<EntryChange> later) {
        long last = later.get(later.size() - 1).position();
        int lastDeletion = -1;
        for (int i = 0; i < later.size(); i++) {
            if (later.get(i).deletes()) {
                lastDeletion = i;
            }
        }
        Document fields = new Document();
        for (EntryChange change : later.subList(lastDeletion + 1, later.size())) {
            fields.putAll(change.fields());
        }
        boolean tombstone = lastDeletion == later.size() - 1;
        Document whole = tombstone ? new Document(DELETED, true) : new Document(fields);
        whole.put(POSITION, last);
        if (entry == null) {
            Document created = new Document("_id", key);
            created.putAll(whole);
            return new InsertOneModel<>(created);
        }
        Bson where = entry.position() == null
                ? Filters.and(Filters.eq("_id", key), Filters.exists(POSITION, false))
                : new Document("_id", key).append(POSITION, entry.position());
        if (lastDeletion >= 0) {
            return new ReplaceOneModel<>(where, whole);
        }
        return new UpdateOneModel<>(where, Updates.combine(new Document("$set", whole), Updates.unset(DELETED)));
    }

    private record Held(Long position) {
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
