package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.consultationtracker.query.parking.WriteFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * A redo journal that makes a live batch's write all-or-nothing, on a store without transactions.
 * <p>
 * A batch changes many documents and writes them with one bulk per collection; a process killed part way leaves some
 * holding the batch's events and others not. Redelivery alone cannot mend that, because projections decide what to
 * change in one document from another: a list's head says which page the next id goes to, a section's previous
 * citations say which key points lose one. A head already holding the event is skipped, and the page it pointed at
 * never gets the id. So before the documents are written, the whole batch (every changed document, as it will be
 * written) is recorded here, committed by a marker written last in the same ordered insert; the journal is deleted
 * once every document is written. The next batch of the same model and processor segment ({@link #recover}) finds a
 * marker a killed writer left and writes its documents first, each only over an older version (the same
 * compare-and-set as a live write), so the redelivered events find every document of the cut batch holding them. A
 * segment is processed by one thread at a time, so a journal of the segment a batch is about to process is never one
 * still being written: its writer stopped, or lost the segment, or is this very thread after a failed write. Batches
 * of other segments, running alongside, leave each other's journals alone.
 * <p>
 * The journal is one small collection for every model and generation ({@value #COLLECTION}); it holds only the batches
 * being written (and ones a killed process left), so finding or deleting by a field other than {@code _id} is a scan of
 * a handful of documents, and it needs no index.
 */
final class BatchJournal {

    static final String COLLECTION = "read_model_batches";

    private static final Logger log = LoggerFactory.getLogger(BatchJournal.class);
    private static final InsertManyOptions ORDERED = new InsertManyOptions().ordered(true);
    /** Changed documents per journal document; a batch of large documents falls back to one each. */
    private static final int DOCUMENTS_PER_PART = 64;

    private final MongoCollection<Document> journal;
    private final String batch;

    private BatchJournal(MongoDatabase database, String batch) {
        this.journal = database.getCollection(COLLECTION);
        this.batch = batch;
    }

    /**
     * Records the documents a session is about to write; the batch counts as journaled only once this returns. A
     * journal the store refused (too large, unencodable) is removed before the failure is passed on.
     */
    static BatchJournal record(MongoDatabase database, ReadModel model, long generation, String segment,
                               Map<String, Collection<Document>> documents) {
        BatchJournal entry = new BatchJournal(database, model.id() + "/" + generation + "/" + UUID.randomUUID());
        try {
            entry.insert(model, generation, segment, documents, DOCUMENTS_PER_PART);
        } catch (RuntimeException e) {
            entry.delete();
            if (!WriteFailures.causedByContent(e)) {
                throw e;
            }
            try {
                entry.insert(model, generation, segment, documents, 1); // they fit one by one, or not at all
            } catch (RuntimeException again) {
                entry.delete();
                throw again;
            }
        }
        return entry;
    }

    /** Every document is written: the journal goes (the marker first, so no half-deleted journal is ever replayed). */
    void delete() {
        journal.deleteOne(eq("_id", batch));
        journal.deleteMany(eq("batch", batch));
    }

    /**
     * Writes the documents of every batch of {@code model}'s {@code generation} and processor {@code segment} (null:
     * not known) a stopped writer journaled but may not have written, then deletes those journals; drops that
     * segment's journals of generations older than {@code generation}, which are no longer served.
     */
    static void recover(MongoDatabase database, ReadModel model, long generation, String segment) {
        MongoCollection<Document> journal = database.getCollection(COLLECTION);
        for (Document marker : journal.find(and(eq("marker", true), eq("model", model.id()),
                                                eq("segment", segment)))) {
            String batch = marker.getString("_id");
            long of = marker.get("generation", Number.class).longValue();
            if (of > generation) {
                continue; // written against a generation this process does not serve yet
            }
            BatchJournal entry = new BatchJournal(database, batch);
            if (of == generation) {
                Map<String, List<Document>> documents = new LinkedHashMap<>();
                int parts = 0;
                for (Document part : journal.find(eq("batch", batch))) {
                    parts++;
                    documents.computeIfAbsent(part.getString("collection"), c -> new ArrayList<>())
                             .addAll(part.getList("documents", Document.class));
                }
                if (parts != marker.getInteger("parts", -1)) {
                    continue; // its writer finished and is deleting it right now
                }
                new MongoDocumentSession(database, model, generation).replay(documents);
                log.warn("Read model {} (segment {}) wrote a batch a stopped writer had journaled ({} collections, "
                         + "recorded {})", model.id(), segment, documents.size(), marker.get("at"));
            }
            entry.delete();
        }
    }

    private void insert(ReadModel model, long generation, String segment, Map<String, Collection<Document>> documents,
                        int perPart) {
        List<Document> parts = new ArrayList<>();
        for (Map.Entry<String, Collection<Document>> collection : documents.entrySet()) {
            List<Document> chunk = new ArrayList<>();
            for (Document document : collection.getValue()) {
                chunk.add(document);
                if (chunk.size() == perPart) {
                    parts.add(part(parts.size(), collection.getKey(), chunk));
                    chunk = new ArrayList<>();
                }
            }
            if (!chunk.isEmpty()) {
                parts.add(part(parts.size(), collection.getKey(), chunk));
            }
        }
        int count = parts.size();
        // Ordered: the marker is stored only after every part before it, so a marker means a whole journal.
        parts.add(new Document("_id", batch).append("marker", true).append("model", model.id())
                          .append("generation", generation).append("segment", segment).append("parts", count)
                          .append("at", new Date()));
        journal.insertMany(parts, ORDERED);
    }

    private Document part(int index, String collection, List<Document> documents) {
        return new Document("_id", batch + "#" + index).append("batch", batch).append("collection", collection)
                                                       .append("documents", documents);
    }
}
