package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static com.mongodb.client.model.Filters.eq;

/**
 * Blue/green collections: each read model lives in {@code <collection>_g<generation>} collections, and one pointer
 * document per model ({@value #POINTERS}) names the generation queries read and the live processor writes. A rebuild
 * fills the next generation and then flips the pointer.
 * <p>
 * The lock keeps a live batch and a flip apart in this process: a batch holds the read lock from its first load to
 * its commit, so it never loads from one generation and writes into the other.
 */
@Component
public class Generations {

    public static final String POINTERS = "read_model_generations";

    private final MongoCollection<Document> pointers;
    private final Map<ReadModel, ReadWriteLock> locks = new EnumMap<>(ReadModel.class);

    public Generations(MongoDatabase database) {
        this.pointers = database.getCollection(POINTERS);
        for (ReadModel model : ReadModel.values()) {
            locks.put(model, new ReentrantReadWriteLock());
        }
    }

    public static String physicalName(ReadModel model, String collection, long generation) {
        if (!model.collections().contains(collection)) {
            throw new IllegalArgumentException(collection + " is not a collection of read model " + model.id());
        }
        return collection + "_g" + generation;
    }

    /** The generation queries read now (the first call creates generation 1). */
    public long active(ReadModel model) {
        Document pointer = pointers.find(eq("_id", model.id())).first();
        if (pointer != null) {
            return pointer.get("active", Number.class).longValue();
        }
        Document created = pointers.findOneAndUpdate(
                eq("_id", model.id()),
                Updates.combine(Updates.setOnInsert("active", 1L), Updates.setOnInsert("highest", 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return created.get("active", Number.class).longValue();
    }

    /** Reserves a fresh generation number for a rebuild. */
    public long reserveNext(ReadModel model) {
        active(model);
        Document updated = pointers.findOneAndUpdate(eq("_id", model.id()), Updates.inc("highest", 1L),
                                                     new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return updated.get("highest", Number.class).longValue();
    }

    /** Makes {@code generation} the one queries read and the live processor writes. Call under the write lock. */
    public void activate(ReadModel model, long generation) {
        pointers.updateOne(eq("_id", model.id()), Updates.set("active", generation));
    }

    /**
     * The SHA-256 of a generation's content as it was when last hashed ({@link ContentHash}), kept beside the pointer
     * so reading it costs a key lookup: hashing reads every document of the model.
     */
    public record RecordedHash(long generation, String contentHash, Instant computedAt) {
    }

    /** Records the hash just computed over {@code generation}'s content, replacing the one recorded before. */
    public void recordHash(ReadModel model, long generation, String contentHash, Instant computedAt) {
        active(model);
        pointers.updateOne(eq("_id", model.id()), Updates.set(
                "hash", new Document("generation", generation).append("contentHash", contentHash)
                                                               .append("computedAt", Date.from(computedAt))));
    }

    /** The last hash recorded for the model (of whichever generation was hashed then), if any. */
    public Optional<RecordedHash> recordedHash(ReadModel model) {
        Document pointer = pointers.find(eq("_id", model.id())).first();
        Document hash = pointer == null ? null : pointer.get("hash", Document.class);
        if (hash == null) {
            return Optional.empty();
        }
        return Optional.of(new RecordedHash(hash.get("generation", Number.class).longValue(),
                                            hash.getString("contentHash"), hash.getDate("computedAt").toInstant()));
    }

    public ReadWriteLock lock(ReadModel model) {
        return locks.get(model);
    }
}
