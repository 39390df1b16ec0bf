package org.consultationtracker.query.readmodel;

import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scratch session to find out which documents a batch of events will ask for, so they can be loaded in a few bulk
 * reads instead of one round trip each. The batch's events are applied here first: documents the real session holds
 * already are answered with copies of them (the rehearsal changes only its copies), every other document asked for is
 * recorded and answered as missing. Nothing is ever written.
 * <p>
 * Answering "missing" may send a projection down another path than the real document would (it creates the document,
 * or gives up on the event), so the documents it goes on to ask for through the real one are found only in the next
 * rehearsal, once the recorded ones are loaded: {@link #prefetch} repeats until a rehearsal asks for nothing new.
 * A rehearsal is free of side effects because projections derive documents from the event and the session alone
 * (see {@link Projection}); whatever a rehearsal misses is still loaded on demand when the batch is applied for real.
 */
final class Rehearsal extends CachingDocumentSession {

    /** Rehearsals per batch at most: each round follows references one document deeper. */
    static final int MAX_ROUNDS = 4;

    private final CachingDocumentSession real;
    private final Map<String, Set<String>> missed = new LinkedHashMap<>();

    private Rehearsal(CachingDocumentSession real) {
        this.real = real;
    }

    /**
     * Loads into {@code real} what applying {@code events} will ask for, rehearsing them with {@code rehearse} (which
     * applies every event to the session it is given and must swallow the projections' failures): one bulk read per
     * collection and round.
     *
     * @return the rounds that loaded something
     */
    static int prefetch(CachingDocumentSession real, java.util.function.Consumer<DocumentSession> rehearse) {
        int rounds = 0;
        while (rounds < MAX_ROUNDS) {
            Rehearsal rehearsal = new Rehearsal(real);
            rehearse.accept(rehearsal);
            if (rehearsal.missed.isEmpty()) {
                break;
            }
            rehearsal.missed.forEach(real::findAll);
            rounds++;
        }
        return rounds;
    }

    @Override
    protected Map<String, Document> load(String collection, Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        for (String id : ids) {
            if (real.lookedUp(collection, id)) {
                Document document = real.cached(collection, id);
                if (document != null) {
                    found.put(id, copy(document));
                }
            } else {
                missed.computeIfAbsent(collection, c -> new LinkedHashSet<>()).add(id);
            }
        }
        return found;
    }

    @Override
    protected void write(String collection, Collection<Document> documents) {
        throw new IllegalStateException("A rehearsal writes nothing");
    }

    /** A copy the rehearsal may change without touching the real session's document (nested documents and lists). */
    private static Document copy(Document document) {
        Document copy = new Document();
        document.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Document document) {
            return copy(document);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(copyValue(element)));
            return copy;
        }
        return value; // strings, numbers, booleans, dates as the driver decodes them: not changed in place
    }
}
