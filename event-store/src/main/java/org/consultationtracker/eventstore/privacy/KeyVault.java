package org.consultationtracker.eventstore.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * AES-256-GCM keys held outside the event store, in the collection {@code participant_keys}: the one place values are
 * sealed and opened. The command side creates keys, seals personal data and attributed words, and destroys keys on
 * erasure (crypto-shredding: the immutable events stay, and stay verifiable, but can no longer be read). The query
 * side only opens words so read models can show them until they are withdrawn.
 *
 * <p>Envelope encryption: every key is stored wrapped by a {@link MasterKey} that is not in the database
 * ({@code wrappedKey}, and {@code wrappedBy} naming the master key), so a copy of the database opens nothing. A key's
 * document is read on every use, so a destroyed key stops opening at once on every instance; unwrapping is done on
 * every use too (microseconds with a local master key), except that a remote master key may keep unwrapped keys for
 * a short while ({@link CachingMasterKey}).
 */
public class KeyVault {

    public static final String COLLECTION = "participant_keys";
    private static final Logger log = LoggerFactory.getLogger(KeyVault.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Written by versions before envelope encryption: the key in clear, base64. Wrapped in place at start. */
    private static final String CLEAR_KEY = "key";
    private static final String WRAPPED_KEY = "wrappedKey";
    private static final String WRAPPED_BY = "wrappedBy";

    private final MongoCollection<Document> keys;
    private final MasterKeys masterKeys;
    private final SecureRandom random = new SecureRandom();

    public KeyVault(MongoDatabase database, MasterKeys masterKeys) {
        this.keys = database.getCollection(COLLECTION);
        this.masterKeys = masterKeys;
    }

    /** A sealed value: which key, the fresh IV, and the ciphertext with its tag (both base64). */
    public record Sealed(String keyId, String iv, String ciphertext) {
    }

    /** What {@link #bringUpToDate()} did. */
    public record Upkeep(long clearKeysWrapped, long keysRewrapped) {
    }

    /**
     * Run at start, by every instance; idempotent, and safe when several instances run it at once (each change is
     * conditional on the document still being as it was read, so one wins and the rest change nothing):
     * <ol>
     * <li>keys an older version stored in clear are wrapped under the current master key;</li>
     * <li>during a rotation, keys wrapped by the previous master key are re-wrapped under the current one — an
     * interrupted rotation resumes where it stopped on the next start;</li>
     * <li>keys wrapped by a master key that is not configured refuse the start: nothing could open them.</li>
     * </ol>
     * Tombstones (destroyed keys) hold no key material and are left as they are.
     */
    public Upkeep bringUpToDate() {
        long wrapped = 0;
        for (Document legacy : keys.find(Filters.exists(CLEAR_KEY))) {
            if (wrapInPlace(legacy)) {
                wrapped++;
            }
        }
        if (wrapped > 0) {
            log.info("Key vault: wrapped {} key(s) stored in clear by an older version under master key {}", wrapped,
                     masterKeys.current().id());
        }
        long rewrapped = 0;
        if (masterKeys.previous().isPresent()) {
            MasterKey previous = masterKeys.previous().get();
            for (Document doc : keys.find(Filters.eq(WRAPPED_BY, previous.id()))) {
                if (rewrap(doc, previous)) {
                    rewrapped++;
                }
            }
            long left = keys.countDocuments(Filters.eq(WRAPPED_BY, previous.id()));
            log.info("Key vault: master key rotation {} -> {}: re-wrapped {} key(s) here; {} left under {}{}",
                     previous.id(), masterKeys.current().id(), rewrapped, left, previous.id(),
                     left == 0 ? " (the previous master key can now be removed)" : "");
        }
        Map<String, Long> unopenable = unopenableKeys();
        if (!unopenable.isEmpty()) {
            throw new MasterKeyException("the key vault holds keys wrapped by a master key that is not configured "
                                         + unopenable + " (configured: " + configuredIds() + "). Give the service "
                                         + "the master key that wrapped them (as the previous key, to rotate); if it "
                                         + "is lost, so is every value under those keys");
        }
        return new Upkeep(wrapped, rewrapped);
    }

    /** Whether the vault in this database holds any wrapped key (whatever the master key). */
    public static boolean holdsWrappedKeys(MongoDatabase database) {
        return database.getCollection(COLLECTION).find(Filters.exists(WRAPPED_KEY)).first() != null;
    }

    /** Keys no configured master key can unwrap, counted by the master key that wrapped them. */
    public Map<String, Long> unopenableKeys() {
        Map<String, Long> unopenable = new TreeMap<>();
        for (Document doc : keys.find(Filters.exists(WRAPPED_KEY))) {
            String wrappedBy = doc.getString(WRAPPED_BY);
            if (masterKeys.byId(wrappedBy).isEmpty()) {
                unopenable.merge(String.valueOf(wrappedBy), 1L, Long::sum);
            }
        }
        return unopenable;
    }

    private String configuredIds() {
        return masterKeys.current().id() + masterKeys.previous().map(previous -> ", previous " + previous.id())
                                                             .orElse("");
    }

    /**
     * Creates the key unless it exists: a retried registration keeps the key made the first time. A destroyed key is
     * never made again: its tombstone stays in its place.
     *
     * @return true when this call created the key
     */
    public boolean createKey(String keyId, String ownerId, String purpose) {
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        MasterKey current = masterKeys.current();
        return keys.updateOne(Filters.eq("_id", keyId), Updates.combine(
                                      Updates.setOnInsert("ownerId", ownerId),
                                      Updates.setOnInsert("purpose", purpose),
                                      Updates.setOnInsert(WRAPPED_KEY, current.wrap(material, keyId)),
                                      Updates.setOnInsert(WRAPPED_BY, current.id()),
                                      Updates.setOnInsert("createdAt", Instant.now().toString())),
                              new UpdateOptions().upsert(true))
                   .getUpsertedId() != null;
    }

    /** @return the sealed value, or empty when the key does not exist (never created, or destroyed) */
    public Optional<Sealed> seal(String keyId, String plaintext) {
        return key(keyId).map(key -> {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            try {
                Cipher cipher = Cipher.getInstance(TRANSFORMATION);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
                // The key id is authenticated too, so a ciphertext cannot be passed off as another participant's.
                cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
                byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
                Base64.Encoder base64 = Base64.getEncoder();
                return new Sealed(keyId, base64.encodeToString(iv), base64.encodeToString(ciphertext));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available in this JVM", e);
            }
        });
    }

    /**
     * @return the clear text, or empty when the key has been destroyed
     * @throws MasterKeyException when the key is held but no configured master key unwraps it
     */
    public Optional<String> open(String keyId, String iv, String ciphertext) {
        return key(keyId).map(key -> {
            try {
                Cipher cipher = Cipher.getInstance(TRANSFORMATION);
                Base64.Decoder base64 = Base64.getDecoder();
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, base64.decode(iv)));
                cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
                return new String(cipher.doFinal(base64.decode(ciphertext)), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("value under key " + keyId + " fails authentication", e);
            }
        });
    }

    /**
     * Crypto-shredding: the key material goes for good, and a tombstone (owner, purpose, when) takes its place so the
     * key can never be created again under the same id.
     */
    public void destroy(String keyId) {
        keys.updateOne(Filters.eq("_id", keyId), Updates.combine(Updates.unset(CLEAR_KEY), Updates.unset(WRAPPED_KEY),
                                                                 Updates.unset(WRAPPED_BY),
                                                                 Updates.set("destroyedAt", Instant.now().toString())),
                       new UpdateOptions().upsert(true));
        masterKeys.current().forget(keyId);
        masterKeys.previous().ifPresent(previous -> previous.forget(keyId));
    }

    /** Whether the key was destroyed (erasure), as opposed to never made. */
    public boolean destroyed(String keyId) {
        Document doc = keys.find(Filters.eq("_id", keyId)).first();
        return doc != null && doc.get("destroyedAt") != null;
    }

    /**
     * Forgets a key that was made for something that was then refused (a registration the domain rejected), so a
     * rejected request leaves no key behind. Only a key that sealed nothing stored may be forgotten this way.
     */
    public void forget(String keyId) {
        keys.deleteOne(Filters.and(Filters.eq("_id", keyId), Filters.exists("destroyedAt", false)));
    }

    public boolean holds(String keyId) {
        return key(keyId).isPresent();
    }

    private Optional<SecretKey> key(String keyId) {
        Document doc = keys.find(Filters.eq("_id", keyId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        String wrapped = doc.getString(WRAPPED_KEY);
        if (wrapped != null) {
            String wrappedBy = doc.getString(WRAPPED_BY);
            MasterKey master = masterKeys.byId(wrappedBy).orElseThrow(() -> new MasterKeyException(
                    "key " + keyId + " is wrapped by master key " + wrappedBy + ", which is not configured"));
            return Optional.of(new SecretKeySpec(master.unwrap(wrapped, keyId), "AES"));
        }
        String clear = doc.getString(CLEAR_KEY);
        if (clear != null) {
            // Written in clear by an older instance still running beside this one: wrap it now.
            wrapInPlace(doc);
            return Optional.of(new SecretKeySpec(Base64.getDecoder().decode(clear), "AES"));
        }
        return Optional.empty();
    }

    /** Wraps a clear key, unless another instance did it first or it was destroyed meanwhile. */
    private boolean wrapInPlace(Document legacy) {
        String keyId = legacy.getString("_id");
        String clear = legacy.getString(CLEAR_KEY);
        MasterKey current = masterKeys.current();
        return keys.updateOne(Filters.and(Filters.eq("_id", keyId), Filters.eq(CLEAR_KEY, clear)),
                              Updates.combine(Updates.set(WRAPPED_KEY,
                                                          current.wrap(Base64.getDecoder().decode(clear), keyId)),
                                              Updates.set(WRAPPED_BY, current.id()),
                                              Updates.unset(CLEAR_KEY)))
                   .getModifiedCount() == 1;
    }

    /** Re-wraps one key under the current master key, unless another instance did it first or it was destroyed. */
    private boolean rewrap(Document doc, MasterKey previous) {
        String keyId = doc.getString("_id");
        String wrapped = doc.getString(WRAPPED_KEY);
        MasterKey current = masterKeys.current();
        byte[] material = previous.unwrap(wrapped, keyId);
        return keys.updateOne(Filters.and(Filters.eq("_id", keyId), Filters.eq(WRAPPED_BY, previous.id()),
                                          Filters.eq(WRAPPED_KEY, wrapped)),
                              Updates.combine(Updates.set(WRAPPED_KEY, current.wrap(material, keyId)),
                                              Updates.set(WRAPPED_BY, current.id())))
                   .getModifiedCount() == 1;
    }
}
