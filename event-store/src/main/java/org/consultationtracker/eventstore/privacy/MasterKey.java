package org.consultationtracker.eventstore.privacy;

/**
 * The key that wraps the key vault's data keys (envelope encryption). It never lives in the database: a copy of the
 * database holds only wrapped keys, which open nothing without it. Implementations never reveal the key itself, not
 * in {@link #toString()} nor in an exception message.
 */
public interface MasterKey {

    /**
     * Names this master key without revealing it (e.g. {@code local:1a2b3c4d}, {@code vault-transit:consultation}),
     * recorded beside every key it wraps so the vault knows which master key opens what.
     */
    String id();

    /**
     * Wraps a data key. The key's id is authenticated with it, so a wrapped key copied onto another record does not
     * unwrap there.
     */
    String wrap(byte[] dataKey, String keyId);

    /** @throws MasterKeyException when this master key did not wrap it for this key id (or the source fails) */
    byte[] unwrap(String wrappedKey, String keyId);

    /** The key was destroyed: drop anything held about it. Nothing to do unless unwrapped keys are kept. */
    default void forget(String keyId) {
    }
}
