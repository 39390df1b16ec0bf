package org.consultationtracker.command.lookup;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The aggregates of recent commands, kept in memory so that the next command on the same aggregate neither reads its
 * events from the store nor replays them (a conversation taking its 20th key point would otherwise read and apply 19
 * events first). Every aggregate's repository uses it, through a view for its kind ({@link #forType}) and Axon's
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

    /** The kind of the entries this cache answers for when used directly, rather than through {@link #forType}. */
    private static final String UNTYPED = "";

    private final Map<Key, Held> held;
    /** Every kind an entry was made for, so that {@link #evictIfOlder} can find an id whatever its kind. */
    private final Set<String> types = new CopyOnWriteArraySet<>(List.of(UNTYPED));

    public AggregateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an aggregate cache holds at least one aggregate");
        }
        this.held = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Held> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Drops the aggregate if this cache holds it at a version before {@code sequence}, an event the store has. */
    public synchronized void evictIfOlder(String aggregateId, long sequence) {
        for (String type : types) {
            Key key = new Key(type, aggregateId);
            Held entry = held.get(key);
            if (entry != null && entry.version() < sequence) {
                held.remove(key);
            }
        }
    }

    /**
     * The cache of one kind of aggregate, for its repository ({@code @Aggregate(cache = ...)}). Axon's caching
     * repository looks an aggregate up by its id alone, and ids of different kinds may be equal (a request naming a
     * consultation's id where an agenda's is expected): one shared key space would hand the agenda's repository a
     * consultation. Every kind shares this cache's capacity and its eviction by the lookup's catch-up.
     */
    public Cache forType(String type) {
        if (type.isEmpty()) {
            throw new IllegalArgumentException("an aggregate type is named");
        }
        types.add(type);
        return new TypedView(type);
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
    public <K, V> V get(K key) {
        return get(new Key(UNTYPED, key));
    }

    @Override
    public void put(Object key, Object value) {
        put(new Key(UNTYPED, key), value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return putIfAbsent(new Key(UNTYPED, key), value);
    }

    @Override
    public boolean remove(Object key) {
        return remove(new Key(UNTYPED, key));
    }

    @Override
    public void removeAll() {
        clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return containsKey(new Key(UNTYPED, key));
    }

    @SuppressWarnings("unchecked")
    private synchronized <V> V get(Key key) {
        Held entry = held.get(key);
        return entry == null ? null : (V) entry.value();
    }

    private synchronized void put(Key key, Object value) {
        held.put(key, new Held(value, versionOf(value)));
    }

    private synchronized boolean putIfAbsent(Key key, Object value) {
        if (held.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    private synchronized boolean remove(Key key) {
        return held.remove(key) != null;
    }

    private synchronized boolean containsKey(Key key) {
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

    private record Key(String type, Object id) {
    }

    /** One kind of aggregate's entries in this cache. */
    private final class TypedView implements Cache {

        private final String type;

        private TypedView(String type) {
            this.type = type;
        }

        @Override
        public <K, V> V get(K key) {
            return AggregateCache.this.get(new Key(type, key));
        }

        @Override
        public void put(Object key, Object value) {
            AggregateCache.this.put(new Key(type, key), value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return AggregateCache.this.putIfAbsent(new Key(type, key), value);
        }

        @Override
        public boolean remove(Object key) {
            return AggregateCache.this.remove(new Key(type, key));
        }

        @Override
        public void removeAll() {
            AggregateCache.this.clear();
        }

        @Override
        public boolean containsKey(Object key) {
            return AggregateCache.this.containsKey(new Key(type, key));
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
            return AggregateCache.this.registerCacheEntryListener(cacheEntryListener);
        }
    }
}
