package org.consultationtracker.query.readmodel;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read models as they stood at a past moment, computed in memory by {@link EventHistory#replayUntil}, behind the
 * same by-key reads as the live store: a query service built over it answers "as of" with its own code. Only reads
 * by key are possible; the in-memory documents are nobody's to scan.
 */
public final class PastReadModelStore extends ReadModelStore {

    private final InMemoryDocumentSession past;

    public PastReadModelStore(InMemoryDocumentSession past) {
        super(null, null);
        this.past = past;
    }

    @Override
    public Document find(ModelCollection collection, String id) {
        return id == null ? null : past.collection(collection.name()).get(id);
    }

    @Override
    public Map<String, Document> findAll(ModelCollection collection, Collection<String> ids) {
        Map<String, Document> documents = past.collection(collection.name());
        Map<String, Document> byId = new LinkedHashMap<>();
        for (String id : ids) {
            Document document = id == null ? null : documents.get(id);
            if (document != null) {
                byId.put(id, document);
            }
        }
        return byId;
    }

    @Override
    public MongoCollection<Document> collection(ModelCollection collection) {
        throw new UnsupportedOperationException("an as-of view is read by key only");
    }

    @Override
    public FindIterable<Document> scan(ModelCollection collection, Bson filter) {
        throw new UnsupportedOperationException("an as-of view is read by key only");
    }
}
