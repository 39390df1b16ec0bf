package org.consultationtracker.query.readmodel;

import org.bson.Document;

import java.util.Collection;
import java.util.Map;

/**
 * Documents of one read model, loaded by key and changed in memory; the session writes what changed in one go.
 * <p>
 * Idempotency lives here: every document remembers the position of the last event applied to it ({@value #POSITION}),
 * and {@link #forUpdate} refuses a document that has already seen the event being applied. That is correct because
 * each document is only ever changed by events of one sequence (see the sequencing policies), which arrive in order.
 */
public interface DocumentSession {

    String POSITION = "_position";

    /** The document as it stands, or null. Reading does not mark it changed. */
    Document find(String collection, String id);

    /** Several documents by key in one round trip; missing ones are absent from the map. */
    Map<String, Document> findAll(String collection, Collection<String> ids);

    /**
     * The document to apply {@code context}'s event to (created empty with just its id if missing), or null when this
     * event was already applied to it: the caller then skips it.
     */
    Document forUpdate(String collection, String id, EventContext context);

    /** Replaces a whole document, regardless of what was there (for documents keyed by the event itself). */
    void put(String collection, Document document);

    /**
     * The idempotency rule every session applies in {@link #forUpdate}: the document already holds the event when it
     * has applied that position or a later one, unless this session changed it for this very event a moment ago
     * ({@code touchedAt}, the position this session last changed it for, or null): then the same event is being
     * applied to it a second time (several changes of one document for one event), not redelivered.
     */
    static boolean alreadyHolds(Document document, EventContext context, Long touchedAt) {
        Number applied = document.get(POSITION, Number.class);
        return applied != null && applied.longValue() >= context.position()
                && !Long.valueOf(context.position()).equals(touchedAt);
    }
}
