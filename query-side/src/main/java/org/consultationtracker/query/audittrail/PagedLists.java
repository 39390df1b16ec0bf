package org.consultationtracker.query.audittrail;

import org.bson.Document;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.consultationtracker.query.readmodel.Docs.list;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * Append-only lists of ids kept in pages of {@value #PAGE} documents under one key, so that any page of a long list
 * (every participant registered for a national consultation) is read by key: a head document {@code <list>} holds
 * {@code size}; page {@code n} is the document {@code <list>#<n>} holding {@code ids}. Readers page by position
 * ("after position p"), which is a keyset on the order of appending.
 */
final class PagedLists {

    static final int PAGE = 256;

    private final String collection;

    PagedLists(String collection) {
        this.collection = collection;
    }

    String collection() {
        return collection;
    }

    /** Appends {@code id} to the list, once per event (the head remembers the event, like every document). */
    void append(String listKey, String id, EventContext context, DocumentSession session) {
        Document head = session.forUpdate(collection, listKey, context);
        if (head == null) {
            return;
        }
        int size = head.getInteger("size", 0);
        Document page = session.forUpdate(collection, pageKey(listKey, size / PAGE), context);
        if (page != null) {
            list(page, "ids").add(id);
        }
        head.put("size", size + 1);
    }

    /** A slice of a list: {@code ids} from position {@code from}; {@code next} the last position given, or null. */
    record Slice(int total, List<String> ids, int from, Integer next) {
    }

    /**
     * Up to {@code size} ids after position {@code after} (null: from the start), read as the head plus the pages the
     * slice spans, by key. Null when the list does not exist.
     */
    static Slice slice(String listKey, Integer after, int size, Function<String, Document> find,
                       BiFunction<String, Collection<String>, Map<String, Document>> findAll, String collection) {
        Document head = find.apply(listKey);
        if (head == null) {
            return null;
        }
        int total = head.getInteger("size", 0);
        int from = after == null ? 0 : after + 1;
        int to = Math.min(total, from + size);
        List<String> keys = new ArrayList<>();
        for (int page = from / PAGE; from < to && page <= (to - 1) / PAGE; page++) {
            keys.add(pageKey(listKey, page));
        }
        Map<String, Document> pages = findAll.apply(collection, keys);
        List<String> ids = new ArrayList<>();
        for (int position = from; position < to; position++) {
            Document page = pages.get(pageKey(listKey, position / PAGE));
            List<String> held = page == null ? List.of() : strings(page, "ids");
            if (position % PAGE < held.size()) {
                ids.add(held.get(position % PAGE));
            }
        }
        return new Slice(total, ids, from, to < total ? to - 1 : null);
    }

    private static String pageKey(String listKey, int page) {
        return listKey + "#" + page;
    }
}
