package org.consultationtracker.command.lookup;

import com.mongodb.MongoException;
import org.bson.Document;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A lookup store whose next writes fail, as a store that refuses or drops writes for a while would. */
public class FlakyLookupStore implements LookupStore {

    private final LookupStore store;
    private final AtomicInteger toRefuse = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public FlakyLookupStore(LookupStore store) {
        this.store = store;
    }

    /** The next {@code count} entry writes (merges and deletions) fail. */
    public void refuseNextWrites(int count) {
        toRefuse.set(count);
    }

    public void heal() {
        toRefuse.set(0);
    }

    public int refused() {
        return refused.get();
    }

    @Override
    public Optional<Document> find(String key) {
        return store.find(key);
    }

    @Override
    public void merge(String key, Document fields, long position) {
        refuseIfAsked(key);
        store.merge(key, fields, position);
    }

    @Override
    public void delete(String key, long position) {
        refuseIfAsked(key);
        store.delete(key, position);
    }

    @Override
    public long checkpoint() {
        return store.checkpoint();
    }

    @Override
    public void advanceCheckpoint(long position) {
        store.advanceCheckpoint(position);
    }

    private void refuseIfAsked(String key) {
        if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            throw new MongoException("write of " + key + " refused by the test");
        }
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
