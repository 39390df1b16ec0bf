package org.consultationtracker.query.readmodel;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Read access to the active generation of a read model, for the query services. A model's package reads its own
 * collections through the {@link ModelCollection} handles it holds; no other package reads them (an architecture test
 * in this module holds this). Every read is by key, or a bounded scan its caller documents.
 */
@Component
public class ReadModelStore {

    /** Documents per reply of a scan: read-model documents are at most tens of kilobytes. */
    public static final int SCAN_BATCH = 500;

    private final MongoDatabase database;
    private final Generations generations;

    public ReadModelStore(MongoDatabase database, Generations generations) {
        this.database = database;
        this.generations = generations;
    }

    public MongoCollection<Document> collection(ModelCollection collection) {
        return collection(collection.model(), collection.name());
    }

    public Document find(ModelCollection collection, String id) {
        return find(collection.model(), collection.name(), id);
    }

    /** Documents by key, in the order of {@code ids}; missing ones are absent. */
    public Map<String, Document> findAll(ModelCollection collection, Collection<String> ids) {
        return findAll(collection.model(), collection.name(), ids);
    }

    public FindIterable<Document> scan(ModelCollection collection, Bson filter) {
        return scan(collection.model(), collection.name(), filter);
    }

    private MongoCollection<Document> collection(ReadModel model, String collection) {
        return database.getCollection(Generations.physicalName(model, collection, generations.active(model)));
    }

    /**
     * Every document matching {@code filter}, fetched {@value #SCAN_BATCH} at a time. Without a batch size the
     * embedded server answers with every result in one reply, which the driver refuses beyond 48 MB.
     */
    private FindIterable<Document> scan(ReadModel model, String collection, Bson filter) {
        return collection(model, collection).find(filter).batchSize(SCAN_BATCH);
    }

    private Document find(ReadModel model, String collection, String id) {
        return collection(model, collection).find(eq("_id", id)).first();
    }

    private Map<String, Document> findAll(ReadModel model, String collection, Collection<String> ids) {
        Map<String, Document> byId = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        Map<String, Document> found = new LinkedHashMap<>();
        for (Document document : collection(model, collection).find(in("_id", ids))) {
            found.put(document.getString("_id"), document);
        }
        for (String id : ids) {
            if (found.containsKey(id)) {
                byId.put(id, found.get(id));
            }
        }
        return byId;
    }
}
