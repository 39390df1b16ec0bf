package org.consultationtracker.command.lookup;

import org.bson.Document;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key/value storage for the command-side lookups. Keys are {@code kind:id...}; values are small documents.
 *
 * <p>Every write names the global position of the event it applies. An entry remembers the position of the last event
 * applied to it and takes a write only from a later event, so two instances applying the same events, one of them
 * behind, never move an entry back. A deletion leaves a tombstone at its position, which {@link #find} treats as
 * absent, so an instance applying older events cannot bring a deleted entry back either.
 *
 * <p>The store also keeps the checkpoint: a position up to which every event has been applied.
 *
 * <p>The catch-up does not write entry by entry: it applies a window of events to a {@link LookupWindow} and then
 * hands the window's changes to {@link #writeAll} at once.
 */
public interface LookupStore {

    /** The entry, or empty when there is none or it was deleted. */
    Optional<Document> find(String key);

    /**
     * Sets the given fields on the entry, creating it when missing or deleted (a deleted entry starts afresh), unless
     * the entry already holds an event at or after {@code position}.
     */
    void merge(String key, Document fields, long position);

    /** Deletes the entry (leaving a tombstone), unless it already holds an event at or after {@code position}. */
    void delete(String key, long position);

    /**
     * Writes a window's changes: for each key, its changes in position order, each taken exactly as {@link #merge}
     * or {@link #delete} would take it (a change at or before the position the entry holds is left out). Safe to
     * repeat, and safe beside another instance writing the same events: an entry never moves back.
     *
     * <p>This default writes change after change; a store that can write many entries in one request does better.
     */
    default void writeAll(Map<String, List<EntryChange>> changesByKey) {
        changesByKey.forEach((key, changes) -> changes.forEach(change -> {
            if (change.deletes()) {
                delete(key, change.position());
            } else {
                merge(key, change.fields(), change.position());
            }
        }));
    }

    /** The position up to which every event has been applied; 0 when nothing has. */
    long checkpoint();

    /** Raises the checkpoint to {@code position}; a lower position leaves it as it is. */
    void advanceCheckpoint(long position);

    /**
     * Records an event the lookup could not read (its stored payload no longer deserializes), so that it is left out
     * rather than stopping every write; once per position.
     */
    void recordUnreadable(long position, String eventId, String payloadType, String error);

    /** How many events the lookup left out as unreadable. */
    long unreadableCount();
}
