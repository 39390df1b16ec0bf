package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/** Read access to the active generation of a read model, for the query services. */
@Component
public class ReadModelStore {

    private final MongoDatabase database;
    private final Generations generations;

    public ReadModelStore(MongoDatabase database, Generations generations) {
        this.database = database;
        this.generations = generations;
    }

    public MongoCollection<Document> collection(ReadModel model, String collection) {
        return database.getCollection(Generations.physicalName(model, collection, generations.active(model)));
    }

    public Document find(ReadModel model, String collection, String id) {
        return collection(model, collection).find(eq("_id", id)).first();
    }

    /** Documents by key, in the order of {@code ids}; missing ones are absent. */
    public Map<String, Document> findAll(ReadModel model, String collection, Collection<String> ids) {
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
