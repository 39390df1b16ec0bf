package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

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
            writes.add(new ReplaceOneModel<>(eq("_id", document.get("_id")), document, UPSERT));
        }
        database.getCollection(Generations.physicalName(model, collection, generation)).bulkWrite(writes, UNORDERED);
    }
}
