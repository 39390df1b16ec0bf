package org.consultationtracker.command.lookup;

import org.bson.Document;

import java.util.Optional;

/** Key/value storage for the command-side lookups. Keys are {@code kind:id...}; values are small documents. */
public interface LookupStore {

    Optional<Document> find(String key);

    /** Sets the given fields on the entry, creating it when missing. */
    void merge(String key, Document fields);

    void delete(String key);
}
