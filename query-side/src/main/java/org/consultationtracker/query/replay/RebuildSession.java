package org.consultationtracker.query.replay;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * The documents of one read model while a rebuild fills a fresh generation of it: held in memory and written behind.
 * <p>
 * The rebuild is the only writer of that generation, so what it holds is the truth: a document it neither holds nor
 * ever wrote does not exist, and is created without asking the store. {@link #writeBehind()} hands the documents changed
 * since the last call to a writer thread and returns at once, so reading and applying go on while the store writes.
 * Each document is written whole: inserted the first time, replaced afterwards; a document that is changed again
 * while its previous version is still being written is copied first (the writer never sees a half-applied event).
 * At most one write is in flight per session. Documents replaced whole ({@link #put}) are dropped from memory once
 * written; once more than {@code cacheLimit} documents are held, all the others already written are dropped too
 * (after the write finished) and loaded again by key if a later event needs them.
 */
final class RebuildSession implements DocumentSession {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final InsertManyOptions UNORDERED_INSERTS = new InsertManyOptions().ordered(false);

    private final MongoDatabase database;
    private final ReadModel model;
    private final long generation;
    private final ExecutorService writer;
    private final int cacheLimit;

    private final Map<String, Map<String, Document>> held = new HashMap<>();
    private final Map<String, Set<String>> written = new HashMap<>();
    private final Map<String, Map<String, Document>> changed = new LinkedHashMap<>();
    private final Map<String, Long> touchedAt = new HashMap<>();
    /** Documents the in-flight write is reading: never changed in place, copied instead. */
    private final Set<Document> beingWritten = Collections.newSetFromMap(new IdentityHashMap<>());
    /**
     * Documents replaced whole by {@link #put} (keyed by the event, like audit-log entries): nothing loads them back
     * in the usual case, so they are dropped from memory as soon as they are written.
     */
    private List<Map.Entry<String, Document>> putSinceHandOver = new ArrayList<>();
    private List<Map.Entry<String, Document>> putInFlight = new ArrayList<>();
    private Future<?> inFlight;
    private int heldCount;
    private long documentsWritten;
    private long documentsLoaded;

    RebuildSession(MongoDatabase database, ReadModel model, long generation, ExecutorService writer, int cacheLimit) {
        this.database = database;
        this.model = model;
        this.generation = generation;
        this.writer = writer;
        this.cacheLimit = cacheLimit;
    }

    @Override
    public Document find(String collection, String id) {
        Document held = held(collection).get(id);
        if (held != null || !written(collection).contains(id)) {
            return held; // the usual case: held, or never written (so it does not exist)
        }
        return findAll(collection, List.of(id)).get(id);
    }

    @Override
    public Map<String, Document> findAll(String collection, Collection<String> ids) {
        Map<String, Document> documents = held(collection);
        List<String> toLoad = new ArrayList<>();
        for (String id : ids) {
            if (!documents.containsKey(id) && written(collection).contains(id)) {
                toLoad.add(id);
            }
        }
        if (!toLoad.isEmpty()) {
            for (Document loaded : database.getCollection(physical(collection)).find(in("_id", toLoad))) {
                hold(collection, loaded);
                documentsLoaded++;
            }
        }
        Map<String, Document> found = new LinkedHashMap<>();
        for (String id : ids) {
            Document document = documents.get(id);
            if (document != null) {
                found.put(id, document);
            }
        }
        return found;
    }

    @Override
    public Document forUpdate(String collection, String id, EventContext context) {
        Document document = find(collection, id);
        String key = collection + '\u0000' + id;
        if (document == null) {
            document = new Document("_id", id);
        } else {
            if (DocumentSession.alreadyHolds(document, context, touchedAt.get(key))) {
                return null; // redelivered: this event is already in the document
            }
            if (beingWritten.contains(document)) {
                document = deepCopy(document);
            }
        }
        hold(collection, document);
        document.put(POSITION, context.position());
        touchedAt.put(key, context.position());
        changed.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, document);
        return document;
    }

    @Override
    public void put(String collection, Document document) {
        hold(collection, document);
        changed.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(document.getString("_id"), document);
        putSinceHandOver.add(Map.entry(collection, document));
    }

    /** Hands what changed to the writer and returns; waits only if the previous write is still running. */
    void writeBehind() {
        awaitWrite();
        dropWrittenPuts();
        if (heldCount > cacheLimit) {
            dropWritten();
        }
        if (changed.isEmpty()) {
            return;
        }
        Map<String, List<Document>> inserts = new LinkedHashMap<>();
        Map<String, List<Document>> replaces = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Document>> entry : changed.entrySet()) {
            Set<String> alreadyWritten = written(entry.getKey());
            for (Document document : entry.getValue().values()) {
                boolean first = alreadyWritten.add(document.getString("_id"));
                (first ? inserts : replaces).computeIfAbsent(entry.getKey(), c -> new ArrayList<>()).add(document);
                beingWritten.add(document);
                documentsWritten++;
            }
        }
        changed.clear();
        touchedAt.clear();
        putInFlight = putSinceHandOver;
        putSinceHandOver = new ArrayList<>();
        inFlight = writer.submit(() -> write(inserts, replaces));
    }

    /**
     * Forgets every change since the last hand-over, with the half-made changes of an event whose projection failed:
     * once the write in flight is stored, the store holds the documents exactly as they were at the hand-over, so the
     * documents changed since are dropped from memory and loaded again when next needed.
     */
    void discardSinceHandOver() {
        awaitWrite();
        for (Map.Entry<String, Map<String, Document>> entry : changed.entrySet()) {
            Map<String, Document> documents = held(entry.getKey());
            for (String id : entry.getValue().keySet()) {
                if (documents.remove(id) != null) {
                    heldCount--;
                }
            }
        }
        changed.clear();
        touchedAt.clear();
        putSinceHandOver.clear();
    }

    /** Writes everything changed and waits until it is stored. */
    void flush() {
        writeBehind();
        awaitWrite();
    }

    long documentsWritten() {
        return documentsWritten;
    }

    /** Documents loaded again after they were dropped from memory. */
    long documentsLoaded() {
        return documentsLoaded;
    }

    private void write(Map<String, List<Document>> inserts, Map<String, List<Document>> replaces) {
        inserts.forEach((collection, documents) ->
                database.getCollection(physical(collection)).insertMany(documents, UNORDERED_INSERTS));
        replaces.forEach((collection, documents) -> {
            List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
            for (Document document : documents) {
                writes.add(new ReplaceOneModel<>(eq("_id", document.get("_id")), document, UPSERT));
            }
            database.getCollection(physical(collection)).bulkWrite(writes, UNORDERED);
        });
    }

    private void awaitWrite() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing read model " + model.id(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Writing read model " + model.id() + " failed", e.getCause());
        } finally {
            inFlight = null;
            beingWritten.clear();
        }
    }

    /** Drops the documents {@link #put} handed to the write that just finished, unless they were changed since. */
    private void dropWrittenPuts() {
        for (Map.Entry<String, Document> put : putInFlight) {
            String id = put.getValue().getString("_id");
            Map<String, Document> documents = held(put.getKey());
            if (documents.get(id) == put.getValue()
                    && !changed.getOrDefault(put.getKey(), Map.of()).containsKey(id)) {
                documents.remove(id);
                heldCount--;
            }
        }
        putInFlight = new ArrayList<>();
    }

    /** Drops every held document that is stored as it stands; called between writes only. */
    private void dropWritten() {
        heldCount = 0;
        for (Map.Entry<String, Map<String, Document>> entry : held.entrySet()) {
            Map<String, Document> stillChanged = changed.getOrDefault(entry.getKey(), Map.of());
            entry.getValue().keySet().retainAll(stillChanged.keySet());
            heldCount += entry.getValue().size();
        }
    }

    private void hold(String collection, Document document) {
        if (held(collection).put(document.getString("_id"), document) == null) {
            heldCount++;
        }
    }

    private Map<String, Document> held(String collection) {
        return held.computeIfAbsent(collection, c -> new HashMap<>());
    }

    private Set<String> written(String collection) {
        return written.computeIfAbsent(collection, c -> new HashSet<>());
    }

    private String physical(String collection) {
        return Generations.physicalName(model, collection, generation);
    }

    /** A copy sharing no list or sub-document with the original (strings, numbers and dates are never changed). */
    static Document deepCopy(Document document) {
        Document copy = new Document();
        document.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Document document) {
            return deepCopy(document);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(copyValue(element)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, copyValue(v)));
            return copy;
        }
        return value;
    }
}
