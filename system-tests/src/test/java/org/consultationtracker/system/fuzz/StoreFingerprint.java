package org.consultationtracker.system.fuzz;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a rejected request must not change: the events ({@code commits}, less the void markers a writer leaves for a
 * position it allocated and could not use), the key vault ({@code participant_keys}), the command side's lookup
 * ({@code command_lookup}) and the remembered idempotency keys ({@code idempotency_keys}). Each collection is
 * fingerprinted document by document (its {@code _id} and its content), so a changed document counts as well as a
 * new or a removed one.
 */
public record StoreFingerprint(Map<String, Map<String, Integer>> documents, long voidMarkers) {

    public static final List<String> COLLECTIONS =
            List.of("commits", "participant_keys", "command_lookup", "idempotency_keys");

    public static StoreFingerprint of(MongoDatabase database) {
        Map<String, Map<String, Integer>> documents = new TreeMap<>();
        for (String collection : COLLECTIONS) {
            Bson filter = collection.equals("commits") ? Filters.ne("void", true) : Filters.empty();
            Map<String, Integer> contents = new TreeMap<>();
            for (Document document : database.getCollection(collection).find(filter)) {
                contents.put(String.valueOf(document.get("_id")), document.toJson().hashCode());
            }
            documents.put(collection, contents);
        }
        long voids = database.getCollection("commits").countDocuments(Filters.eq("void", true));
        return new StoreFingerprint(documents, voids);
    }

    public int count(String collection) {
        return documents.get(collection).size();
    }

    /** What changed from {@code before} to this, per collection ("" when nothing did). */
    public String changesSince(StoreFingerprint before) {
        List<String> changes = new ArrayList<>();
        for (String collection : COLLECTIONS) {
            Map<String, Integer> then = before.documents.get(collection);
            Map<String, Integer> now = documents.get(collection);
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            now.forEach((id, hash) -> {
                if (!then.containsKey(id)) {
                    added.add(id);
                } else if (!Objects.equals(then.get(id), hash)) {
                    changed.add(id);
                }
            });
            then.keySet().stream().filter(id -> !now.containsKey(id)).forEach(removed::add);
            if (!added.isEmpty() || !removed.isEmpty() || !changed.isEmpty()) {
                changes.add(collection + " (" + then.size() + " -> " + now.size() + " documents): added " + added
                        + ", removed " + removed + ", changed " + changed);
            }
        }
        return String.join("; ", changes);
    }
}
