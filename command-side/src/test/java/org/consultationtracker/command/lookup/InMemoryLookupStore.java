package org.consultationtracker.command.lookup;

import org.bson.Document;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The lookup without MongoDB, for aggregate fixtures: same merge semantics as {@link MongoLookupStore}. */
public class InMemoryLookupStore implements LookupStore {

    private final Map<String, Document> entries = new HashMap<>();

    @Override
    public Optional<Document> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void merge(String key, Document fields) {
        entries.computeIfAbsent(key, k -> new Document()).putAll(fields);
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }
}
