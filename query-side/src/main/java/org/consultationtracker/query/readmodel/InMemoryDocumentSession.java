package org.consultationtracker.query.readmodel;

import org.bson.Document;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A session over maps: "as of" views and projection tests run the production projections against it. */
public class InMemoryDocumentSession extends CachingDocumentSession {

    private final Map<String, Map<String, Document>> store = new HashMap<>();

    @Override
    protected Map<String, Document> load(String collection, Collection<String> ids) {
        Map<String, Document> documents = store.getOrDefault(collection, Collections.emptyMap());
        Map<String, Document> found = new HashMap<>();
        for (String id : ids) {
            Document document = documents.get(id);
            if (document != null) {
                found.put(id, document);
            }
        }
        return found;
    }

    @Override
    protected void write(String collection, Collection<Document> documents) {
        Map<String, Document> target = store.computeIfAbsent(collection, c -> new TreeMap<>());
        documents.forEach(document -> target.put(document.getString("_id"), document));
    }

    /** All documents of a collection, by id. */
    public Map<String, Document> collection(String name) {
        flush();
        return Collections.unmodifiableMap(store.getOrDefault(name, new TreeMap<>()));
    }
}
