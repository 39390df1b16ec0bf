package org.consultationtracker.command.lookup;

import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One window of the catch-up: the projections apply a run of events to it, and it hands their changes to the lookup
 * store in one go ({@link #flush}, through {@link LookupStore#writeAll}), instead of a read and a write per entry and
 * event. A projection that reads the lookup (where is this participant now?) sees the window's own changes over what
 * the store held when the window first read that key.
 *
 * <p>Not thread-safe: the catch-up applies one window at a time, on one thread.
 */
final class LookupWindow implements LookupStore {

    private final LookupStore store;
    private final Map<String, List<EntryChange>> changes = new LinkedHashMap<>();
    /** What the store held for keys read during this window: each key is read from the store at most once. */
    private final Map<String, Optional<Document>> read = new HashMap<>();

    LookupWindow(LookupStore store) {
        this.store = store;
    }

    @Override
    public Optional<Document> find(String key) {
        List<EntryChange> pending = changes.get(key);
        int lastDeletion = pending == null ? -1 : lastDeletion(pending);
        Document current = null;
        if (lastDeletion < 0) {
            Optional<Document> held = read.get(key);
            if (held == null) {
                held = store.find(key);
                read.put(key, held);
            }
            current = held.map(Document::new).orElse(null);
        }
        if (pending != null) {
            for (EntryChange change : pending.subList(lastDeletion + 1, pending.size())) {
                current = current == null ? new Document() : current;
                current.putAll(change.fields());
                current.put(MongoLookupStore.POSITION, change.position());
            }
        }
        return Optional.ofNullable(current);
    }

    @Override
    public void merge(String key, Document fields, long position) {
        changes.computeIfAbsent(key, k -> new ArrayList<>()).add(EntryChange.merge(fields, position));
    }

    @Override
    public void delete(String key, long position) {
        changes.computeIfAbsent(key, k -> new ArrayList<>()).add(EntryChange.delete(position));
    }

    /** Writes the window's changes to the store; they stay here for another attempt when that fails. */
    void flush() {
        if (!changes.isEmpty()) {
            store.writeAll(changes);
        }
        discard();
    }

    /** Forgets the window's changes and reads (written, or to be applied again from the events). */
    void discard() {
        changes.clear();
        read.clear();
    }

    /** Entries the window changes. */
    int size() {
        return changes.size();
    }

    private static int lastDeletion(List<EntryChange> pending) {
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (pending.get(i).deletes()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public long checkpoint() {
        return store.checkpoint();
    }

    @Override
    public void advanceCheckpoint(long position) {
        store.advanceCheckpoint(position);
    }

    @Override
    public void recordUnreadable(long position, String eventId, String payloadType, String error) {
        store.recordUnreadable(position, eventId, payloadType, error);
    }

    @Override
    public long unreadableCount() {
        return store.unreadableCount();
    }
}
