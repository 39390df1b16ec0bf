package org.consultationtracker.query.readmodel;

import org.bson.Document;

/**
 * An index a read model's queries rely on, declared by its projection and created on every generation of its
 * collections. Declare it {@code unique} wherever the value is unique: the embedded server (mongo-java-server) keeps
 * only unique indexes and uses them for equality or {@code $in} on exactly their keys; a real MongoDB uses all.
 *
 * @param sparse skips documents without the field (a unique value that only some documents carry)
 */
public record ReadModelIndex(String collection, String name, Document keys, boolean unique, boolean sparse) {

    public static ReadModelIndex unique(String collection, String name, String field, boolean sparse) {
        return new ReadModelIndex(collection, name, new Document(field, 1), true, sparse);
    }

    public static ReadModelIndex ascending(String collection, String name, Document keys) {
        return new ReadModelIndex(collection, name, keys, false, false);
    }
}
