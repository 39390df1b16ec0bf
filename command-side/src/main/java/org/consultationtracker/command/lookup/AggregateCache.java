package org.consultationtracker.command.lookup;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregates of recent commands, kept in memory so that the next command on the same aggregate neither reads its
 * events from the store nor replays them (a conversation taking its 20th key point would otherwise read and apply 19
 * events first). Every aggregate's repository uses it ({@code @Aggregate(cache = "aggregateCache")}), through Axon's
 * caching repository, which puts an aggregate here after each command that changed it and removes it when a command
 * on it rolls back.
 *
 * <p>It is exactly as fresh as the lookup: {@link LookupCatchUp} applies every stored event before a command is judged,
 * and tells this cache of each one ({@link #evictIfOlder}); an aggregate held at an older version than an event the
 * store has for it (another instance appended it) is dropped and loaded from the store. Where the catch-up moves past
 * events without reading them (another instance applied them and raised the shared checkpoint) the whole cache is
 * dropped ({@link #clear}). What can still slip in is a write by another instance while this command runs, which the
 * store refuses as it refuses any concurrent write to one aggregate (the unique {@code aggregateId#sequence} key): a
 * 409, and the rollback removes the entry.
 *
 * <p>Bounded: the least recently used aggregate goes first when {@code capacity} is reached.
 */
public final class AggregateCache implements Cache {

    private final Map<Object, Held> held;

    public AggregateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an aggregate cache holds at least one aggregate");
        }
        this.held = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Held> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Drops the aggregate if this cache holds it at a version before {@code sequence}, an event the store has. */
    public synchronized void evictIfOlder(String aggregateId, long sequence) {
        Held entry = held.get(aggregateId);
        if (entry != null && entry.version() < sequence) {
            held.remove(aggregateId);
        }
    }

    /** Drops everything: events were passed over unread, so any aggregate may have moved on. */
    public synchronized void clear() {
        held.clear();
    }

    public synchronized int size() {
        return held.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        Held entry = held.get(key);
        return entry == null ? null : (V) entry.value();
    }

    @Override
    public synchronized void put(Object key, Object value) {
        held.put(key, new Held(value, versionOf(value)));
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (held.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        return held.remove(key) != null;
    }

    @Override
    public void removeAll() {
        clear();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return held.containsKey(key);
    }

    /** Axon's aggregate repositories register no listeners; nothing else uses this cache. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache serves the aggregate repositories only");
    }

    /**
     * The version (sequence of the newest event) of the aggregate in an entry Axon's caching repository made. A fresh
     * entry still holds the aggregate it was made from, which {@code recreateAggregate} returns as it is.
     */
    private static long versionOf(Object value) {
        if (value instanceof AggregateCacheEntry<?> entry) {
            Long version = entry.recreateAggregate(null, null, null, null).version();
            return version == null ? -1 : version;
        }
        throw new IllegalArgumentException("the aggregate cache holds aggregates only, not " + value.getClass());
    }

    private record Held(Object value, long version) {
    }
}
