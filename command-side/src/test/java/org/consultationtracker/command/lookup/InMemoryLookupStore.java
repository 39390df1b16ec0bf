package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lookup without MongoDB, for aggregate fixtures: same semantics as {@link MongoLookupStore} (positions,
 * tombstones, checkpoint), and {@link #apply} feeds events through the service's own projections.
 */
public class InMemoryLookupStore implements LookupStore {

    private final Map<String, Document> entries = new HashMap<>();
    private final List<AnnotationEventHandlerAdapter> projections = LookupProjections.over(this);
    private long checkpoint;
    private long lastPosition;

    /** Applies the events as if stored next, in this order, as the catch-up would. */
    public void apply(Object... payloads) {
        for (Object payload : payloads) {
            TrackedEventMessage<?> event = new GenericTrackedEventMessage<>(
                    new GlobalSequenceTrackingToken(++lastPosition), GenericEventMessage.asEventMessage(payload));
            try {
                for (AnnotationEventHandlerAdapter projection : projections) {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Could not apply " + payload, e);
            }
            advanceCheckpoint(lastPosition);
        }
    }

    @Override
    public synchronized Optional<Document> find(String key) {
        return Optional.ofNullable(entries.get(key)).filter(entry -> !entry.getBoolean(MongoLookupStore.DELETED, false))
                .map(Document::new);
    }

    @Override
    public synchronized void merge(String key, Document fields, long position) {
        Document entry = entries.get(key);
        if (entry != null && positionOf(entry) >= position) {
            return;
        }
        Document merged = entry == null || entry.getBoolean(MongoLookupStore.DELETED, false)
                ? new Document() : new Document(entry);
        merged.putAll(fields);
        merged.put(MongoLookupStore.POSITION, position);
        entries.put(key, merged);
    }

    @Override
    public synchronized void delete(String key, long position) {
        Document entry = entries.get(key);
        if (entry == null || positionOf(entry) < position) {
            entries.put(key, new Document(MongoLookupStore.DELETED, true).append(MongoLookupStore.POSITION, position));
        }
    }

    @Override
    public synchronized long checkpoint() {
        return checkpoint;
    }

    @Override
    public synchronized void advanceCheckpoint(long position) {
        checkpoint = Math.max(checkpoint, position);
    }

    private static long positionOf(Document entry) {
        Number position = entry.get(MongoLookupStore.POSITION, Number.class);
        return position == null ? 0L : position.longValue();
    }

    private final java.util.Set<Long> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void recordUnreadable(long position, String eventId, String payloadType, String error) {
        unreadable.add(position);
    }

    @Override
    public long unreadableCount() {
        return unreadable.size();
    }
}
