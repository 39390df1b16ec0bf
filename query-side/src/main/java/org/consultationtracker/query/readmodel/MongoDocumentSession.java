package org.consultationtracker.query.readmodel;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * A session over one generation of a read model's collections: loads are {@code _id} lookups, writes are one
 * unordered bulk of whole-document upserts per collection.
 * <p>
 * A document carrying the position of the last event applied to it ({@value DocumentSession#POSITION}) only replaces
 * one that has not seen that event yet. Two instances can write one segment's documents at once: one stalled longer
 * than the token claim timeout loses the segment to another, wakes up and writes the batch it had loaded before its
 * token store fails. Its documents must not replace what the other wrote since, or the events between would be lost.
 */
public class MongoDocumentSession extends CachingDocumentSession {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoDatabase database;
    private final ReadModel model;
    private final long generation;

    public MongoDocumentSession(MongoDatabase database, ReadModel model, long generation) {
        this.database = database;
        this.model = model;
        this.generation = generation;
    }

    public long generation() {
        return generation;
    }

    @Override
    protected Map<String, Document> load(String collection, Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        var query = ids.size() == 1 ? eq("_id", ids.iterator().next()) : in("_id", ids);
        for (Document document : database.getCollection(Generations.physicalName(model, collection, generation))
                                         .find(query)) {
            found.put(document.getString("_id"), document);
        }
        return found;
    }

    @Override
    protected void write(String collection, Collection<Document> documents) {
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        for (Document document : documents) {
            writes.add(new ReplaceOneModel<>(notAlreadyHeld(document), document, UPSERT));
        }
        try {
            database.getCollection(Generations.physicalName(model, collection, generation))
                    .bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            // A document the filter did not match exists: the upsert's insert fails on its _id. It holds this
            // document's event already, or a later one, so it stays; every other write of the bulk went through.
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty() || !e.getWriteErrors().stream()
                    .allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** The stored document with this one's id, unless it has seen this one's event or a later one already. */
    private static Bson notAlreadyHeld(Document document) {
        Bson id = eq("_id", document.get("_id"));
        if (!(document.get(POSITION) instanceof Number position)) {
            return id; // not kept by event position (put by the event's own id): replaced as it is
        }
        return and(id, or(exists(POSITION, false), lt(POSITION, position.longValue())));
    }
}
