package org.consultationtracker.query.readmodel;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consultationtracker.query.parking.WriteFailures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * A session over one generation of a read model's collections: loads are {@code _id} lookups, writes are one
 * unordered bulk of whole-document upserts per collection.
 * <p>
 * A document kept by event position ({@value DocumentSession#POSITION}) only replaces the stored one if that is still
 * the one this session loaded (same position, or still absent): a compare-and-set. Two instances can write one
 * segment's documents at once: one stalled longer than the token claim timeout loses the segment to another, wakes up
 * and writes the batch it had loaded before its token store fails. Its documents must not replace what the other wrote
 * since, or the events between would be lost. The other instance goes on from its own token, so whatever the refused
 * write held reaches the document through it.
 * <p>
 * The compare-and-set filter is an equality on exactly {@code _id} and {@value DocumentSession#POSITION}, backed by a
 * unique index on those two fields ({@value #WRITE_GUARD}, declared with the model's other indexes by {@link ReadModelIndexes}): the embedded
 * server uses an index only for an equality on exactly its keys, and without it every guarded write scanned the whole
 * collection (a live batch then cost as much as the collection is large). A real MongoDB answers the filter from the
 * {@code _id} index either way.
 */
public class MongoDocumentSession extends CachingDocumentSession {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    /** The index that lets the embedded server answer the compare-and-set filter without a scan. */
    static final String WRITE_GUARD = "_id_position_write_guard";

    private final MongoDatabase database;
    private final ReadModel model;
    private final long generation;
    /** Per collection, the position each document kept by position had when loaded or last written: what it must
     *  still have in the store for this session's write to replace it. */
    private final Map<String, Map<String, Long>> storedPositions = new HashMap<>();
    private String segment;

    public MongoDocumentSession(MongoDatabase database, ReadModel model, long generation) {
        this.database = database;
        this.model = model;
        this.generation = generation;
    }

    public long generation() {
        return generation;
    }

    /** The processor segment whose batch this session writes (null: not known): its journals carry it. */
    MongoDocumentSession writingFor(String segment) {
        this.segment = segment;
        return this;
    }

    @Override
    protected Map<String, Document> load(String collection, Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        var query = ids.size() == 1 ? eq("_id", ids.iterator().next()) : in("_id", ids);
        Map<String, Long> positions = storedPositions.computeIfAbsent(collection, c -> new HashMap<>());
        for (Document document : database.getCollection(Generations.physicalName(model, collection, generation))
                                         .find(query)) {
            String id = document.getString("_id");
            found.put(id, document);
            if (document.get(POSITION) instanceof Number position) {
                positions.put(id, position.longValue());
            }
        }
        return found;
    }

    /**
     * A batch of several documents is journaled first ({@link BatchJournal}), so that a writer stopped part way is
     * completed by the next batch rather than leaving documents that disagree. A single document is written alone:
     * replacing one document is atomic. A write the store refuses for its content drops the journal (replaying it
     * would be refused again); one that fails for the store keeps it, and the retried batch writes it first.
     */
    @Override
    protected void writeAll(Map<String, Collection<Document>> documents) {
        if (documents.size() == 1 && documents.values().iterator().next().size() == 1) {
            super.writeAll(documents);
            return;
        }
        BatchJournal journal = BatchJournal.record(database, model, generation, segment, documents);
        try {
            super.writeAll(documents);
        } catch (RuntimeException e) {
            if (WriteFailures.causedByContent(e)) {
                journal.delete();
            }
            throw e;
        }
        journal.delete();
    }

    /**
     * Writes a journaled batch again: each document whose stored version is older than the journal's (or that is
     * missing), compared and set like a live write; documents not kept by position are replaced as they are.
     */
    void replay(Map<String, List<Document>> journaled) {
        for (Map.Entry<String, List<Document>> entry : journaled.entrySet()) {
            List<String> ids = entry.getValue().stream().map(document -> document.getString("_id")).toList();
            Map<String, Document> stored = load(entry.getKey(), ids);
            List<Document> behind = new ArrayList<>();
            for (Document document : entry.getValue()) {
                Number position = document.get(POSITION, Number.class);
                Document current = stored.get(document.getString("_id"));
                Number at = current == null ? null : current.get(POSITION, Number.class);
                if (position == null || at == null || at.longValue() < position.longValue()) {
                    behind.add(document);
                }
            }
            if (!behind.isEmpty()) {
                write(entry.getKey(), behind);
            }
        }
    }

    @Override
    protected void write(String collection, Collection<Document> documents) {
        MongoCollection<Document> target = database.getCollection(
                Generations.physicalName(model, collection, generation));
        Map<String, Long> positions = storedPositions.computeIfAbsent(collection, c -> new HashMap<>());
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        for (Document document : documents) {
            writes.add(new ReplaceOneModel<>(stillAsLoaded(document, positions), document, UPSERT));
        }
        try {
            target.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            // A document the filter did not match exists: the upsert's insert fails on its _id. It holds this
            // document's event already, or a later one, so it stays; every other write of the bulk went through.
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty() || !e.getWriteErrors().stream()
                    .allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
        // What this session wrote is what it expects to find next time (a refused document stays refused: the store
        // holds another position than this one, unless it holds this very event, which is the same content).
        for (Document document : documents) {
            if (document.get(POSITION) instanceof Number position) {
                positions.put(document.getString("_id"), position.longValue());
            }
        }
    }

    /**
     * The stored document with this one's id, if it is still as this session loaded it: at the position it was loaded
     * with, or (loaded as absent) not there at all, when the upsert inserts it and fails on its {@code _id} if another
     * writer created it since.
     */
    private static Bson stillAsLoaded(Document document, Map<String, Long> positions) {
        String id = document.getString("_id");
        if (!(document.get(POSITION) instanceof Number)) {
            return eq("_id", id); // not kept by event position (put by the event's own id): replaced as it is
        }
        Long loaded = positions.get(id);
        // A document not found stands at position null: only a document without a position (none such is stored
        // kept by position, so only "none at all") matches. Equality on both keys, so the write guard index answers.
        return new Document("_id", id).append(POSITION, loaded);
    }
}
