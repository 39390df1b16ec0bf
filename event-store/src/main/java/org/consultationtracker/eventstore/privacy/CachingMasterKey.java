package org.consultationtracker.eventstore.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers unwrapped keys for a short while, for a master key whose every unwrap is a network round trip (Vault).
 * Entries are found by the wrapped key itself, and the key vault reads a key's document before every use and asks
 * for the unwrap only while the document still holds a wrapped key: so a destroyed key stops opening at once on every
 * instance, cache or not. What the time to live bounds is how long the unwrapped bytes of a key destroyed by another
 * instance may stay in this process's memory; the instance that destroys a key drops it at once ({@link #forget}).
 */
public final class CachingMasterKey implements MasterKey {

    private record Entry(byte[] key, Instant expires) {
    }

    private record Wrapped(String keyId, String wrappedKey) {
    }

    private final MasterKey delegate;
    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;
    private final Map<Wrapped, Entry> unwrapped = new ConcurrentHashMap<>();

    public CachingMasterKey(MasterKey delegate, Duration timeToLive, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String wrap(byte[] dataKey, String keyId) {
        return delegate.wrap(dataKey, keyId);
    }

    @Override
    public byte[] unwrap(String wrappedKey, String keyId) {
        Wrapped wrapped = new Wrapped(keyId, wrappedKey);
        Instant now = clock.instant();
        Entry entry = unwrapped.get(wrapped);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.key().clone();
        }
        byte[] key = delegate.unwrap(wrappedKey, keyId);
        if (unwrapped.size() >= maxEntries) {
            unwrapped.values().removeIf(old -> !now.isBefore(old.expires()));
            if (unwrapped.size() >= maxEntries) {
                unwrapped.clear();
            }
        }
        unwrapped.put(wrapped, new Entry(key.clone(), now.plus(timeToLive)));
        return key;
    }

    @Override
    public void forget(String keyId) {
        unwrapped.keySet().removeIf(wrapped -> wrapped.keyId().equals(keyId));
    }

    /** How many unwrapped keys are held now (tests). */
    int held() {
        return unwrapped.size();
    }

    @Override
    public String toString() {
        return delegate + " (unwrapped keys kept " + timeToLive + ")";
    }
}
