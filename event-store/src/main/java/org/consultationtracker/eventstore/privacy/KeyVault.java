package org.consultationtracker.eventstore.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * AES-256-GCM keys held outside the event store, in the collection {@code participant_keys}: the one place values are
 * sealed and opened. The command side creates keys, seals personal data and attributed words, and destroys keys on
 * erasure (crypto-shredding: the immutable events stay, and stay verifiable, but can no longer be read). The query
 * side only opens words so read models can show them until they are withdrawn. In production this role is a key
 * management service; the collection stands in for it with the same narrow interface.
 */
public class KeyVault {

    public static final String COLLECTION = "participant_keys";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MongoCollection<Document> keys;
    private final SecureRandom random = new SecureRandom();

    public KeyVault(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION);
    }

    /** A sealed value: which key, the fresh IV, and the ciphertext with its tag (both base64). */
    public record Sealed(String keyId, String iv, String ciphertext) {
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
        return keys.updateOne(Filters.eq("_id", keyId), Updates.combine(
                                      Updates.setOnInsert("ownerId", ownerId),
                                      Updates.setOnInsert("purpose", purpose),
                                      Updates.setOnInsert("key", Base64.getEncoder().encodeToString(material)),
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

    /** @return the clear text, or empty when the key has been destroyed */
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
        keys.updateOne(Filters.eq("_id", keyId), Updates.combine(Updates.unset("key"),
                               Updates.set("destroyedAt", Instant.now().toString())),
                       new UpdateOptions().upsert(true));
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
        return Optional.ofNullable(keys.find(Filters.eq("_id", keyId)).first())
                       .map(doc -> doc.getString("key"))
                       .map(material -> new SecretKeySpec(Base64.getDecoder().decode(material), "AES"));
    }
}
