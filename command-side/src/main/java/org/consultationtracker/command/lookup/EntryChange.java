package org.consultationtracker.command.lookup;

import org.bson.Document;

/**
 * One event's change to one lookup entry: the fields it sets ({@link LookupStore#merge}), or, when {@code fields} is
 * null, the entry's deletion ({@link LookupStore#delete}).
 */
public record EntryChange(long position, Document fields) {

    static EntryChange merge(Document fields, long position) {
        return new EntryChange(position, new Document(fields));
    }

    static EntryChange delete(long position) {
        return new EntryChange(position, null);
    }

    public boolean deletes() {
        return fields == null;
    }
}
