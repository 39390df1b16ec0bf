package org.consultationtracker.query.readmodel;

import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a session every backing store shares: a cache of loaded documents, the set of changed ones and the
 * idempotency rule. Subclasses load missing documents and write changed ones.
 */
public abstract class CachingDocumentSession implements DocumentSession {

    /** Stands for "looked up, not there", so a miss is not looked up twice. */
    private static final Document ABSENT = new Document();

    private final Map<String, Map<String, Document>> cache = new HashMap<>();
    private final Map<String, Map<String, Document>> changed = new LinkedHashMap<>();
    private final Map<String, Long> touchedAt = new HashMap<>();

    @Override
    public Document find(String collection, String id) {
        Map<String, Document> loaded = cache.computeIfAbsent(collection, c -> new HashMap<>());
        Document document = loaded.get(id);
        if (document == null) {
            Document fromStore = load(collection, List.of(id)).get(id);
            document = fromStore == null ? ABSENT : fromStore;
            loaded.put(id, document);
        }
        return document == ABSENT ? null : document;
    }

    @Override
    public Map<String, Document> findAll(String collection, Collection<String> ids) {
        Map<String, Document> loaded = cache.computeIfAbsent(collection, c -> new HashMap<>());
        Set<String> missing = new LinkedHashSet<>();
        for (String id : ids) {
            if (!loaded.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Document> fromStore = load(collection, missing);
            for (String id : missing) {
                loaded.put(id, fromStore.getOrDefault(id, ABSENT));
            }
        }
        Map<String, Document> result = new LinkedHashMap<>();
        for (String id : ids) {
            Document document = loaded.get(id);
            if (document != null && document != ABSENT) {
                result.put(id, document);
            }
        }
        return result;
    }

    @Override
    public Document forUpdate(String collection, String id, EventContext context) {
        Document document = find(collection, id);
        String key = collection + '\u0000' + id;
        if (document == null) {
            document = new Document("_id", id);
            cache.get(collection).put(id, document);
        } else {
            if (DocumentSession.alreadyHolds(document, context, touchedAt.get(key))) {
                return null; // redelivered: this event is already in the document
            }
        }
        document.put(POSITION, context.position());
        touchedAt.put(key, context.position());
        changed.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, document);
        return document;
    }

    @Override
    public void put(String collection, Document document) {
        String id = document.getString("_id");
        cache.computeIfAbsent(collection, c -> new HashMap<>()).put(id, document);
        changed.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, document);
    }

    /** Writes what changed since the last flush; the cache stays warm. */
    public final int flush() {
        Map<String, Collection<Document>> documents = new LinkedHashMap<>();
        int written = 0;
        for (Map.Entry<String, Map<String, Document>> entry : changed.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                documents.put(entry.getKey(), entry.getValue().values());
                written += entry.getValue().size();
            }
        }
        if (written > 0) {
            writeAll(documents);
        }
        changed.clear();
        touchedAt.clear();
        return written;
    }

    /** Writes the changed documents, collection by collection; a store without transactions may make this atomic. */
    protected void writeAll(Map<String, Collection<Document>> documents) {
        documents.forEach(this::write);
    }

    /**
     * Whether {@code id} was looked up already (found or not): a {@link Rehearsal} answers only these from here, as
     * {@link #cached} returns them.
     */
    final boolean lookedUp(String collection, String id) {
        Map<String, Document> loaded = cache.get(collection);
        return loaded != null && loaded.containsKey(id);
    }

    /** The document as this session holds it, or null if it was looked up and not found (or never looked up). */
    final Document cached(String collection, String id) {
        Map<String, Document> loaded = cache.get(collection);
        Document document = loaded == null ? null : loaded.get(id);
        return document == ABSENT ? null : document;
    }

    /** Drops cached documents (a long rebuild would otherwise hold the whole model in memory). */
    public final void evictCache() {
        if (!changed.isEmpty()) {
            throw new IllegalStateException("Flush before evicting");
        }
        cache.clear();
    }

    protected abstract Map<String, Document> load(String collection, Collection<String> ids);

    protected abstract void write(String collection, Collection<Document> documents);
}
