package org.consultationtracker.command.participant.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.springframework.stereotype.Component;

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
 * Per-participant AES-256 keys, kept in the MongoDB collection {@code participant_keys} and never in the event store.
 * Each participant has two keys: the <em>identity</em> key (name, contact, self-description) and the <em>words</em>
 * key (text attributed to them). Erasure deletes keys, which makes everything they encrypted unreadable while the
 * immutable events, and the hash chain over them, stay as they were.
 */
@Component
public class ParticipantKeyVault {

    static final String COLLECTION = "participant_keys";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MongoCollection<Document> keys;
    private final SecureRandom random = new SecureRandom();

    public ParticipantKeyVault(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION);
    }

    public static String identityKeyId(String participantId) {
        return participantId + "/identity";
    }

    public static String wordsKeyId(String participantId) {
        return participantId + "/words";
    }

    /** Creates both keys; a retried registration keeps the keys made the first time. */
    public void createKeys(String participantId) {
        createKey(identityKeyId(participantId), participantId, "identity");
        createKey(wordsKeyId(participantId), participantId, "words");
    }

    public EncryptedValue encrypt(String keyId, String plaintext) {
        SecretKey key = key(keyId).orElseThrow(() -> new ParticipantKeyMissing(keyId));
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            // The key id is authenticated too, so a ciphertext cannot be passed off as another participant's.
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new EncryptedValue(keyId, base64.encodeToString(iv), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The clear text, or empty when the key has been destroyed. */
    public Optional<String> decrypt(EncryptedValue value) {
        return key(value.keyId()).map(key -> {
            try {
                Cipher cipher = Cipher.getInstance(TRANSFORMATION);
                Base64.Decoder base64 = Base64.getDecoder();
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, base64.decode(value.iv())));
                cipher.updateAAD(value.keyId().getBytes(StandardCharsets.UTF_8));
                return new String(cipher.doFinal(base64.decode(value.ciphertext())), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("value under key " + value.keyId() + " fails authentication", e);
            }
        });
    }

    /** Crypto-shredding: the identity key always goes; the words key too when the words are withdrawn. */
    public void destroyKeys(String participantId, ContributionPolicy policy) {
        keys.deleteOne(Filters.eq("_id", identityKeyId(participantId)));
        if (policy == ContributionPolicy.WITHDRAW_WORDS) {
            keys.deleteOne(Filters.eq("_id", wordsKeyId(participantId)));
        }
    }

    public boolean holdsKey(String keyId) {
        return key(keyId).isPresent();
    }

    private void createKey(String keyId, String participantId, String purpose) {
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        keys.updateOne(Filters.eq("_id", keyId), Updates.combine(
                        Updates.setOnInsert("participantId", participantId),
                        Updates.setOnInsert("purpose", purpose),
                        Updates.setOnInsert("key", Base64.getEncoder().encodeToString(material)),
                        Updates.setOnInsert("createdAt", Instant.now().toString())),
                new UpdateOptions().upsert(true));
    }

    private Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", keyId)).first())
                .map(doc -> new SecretKeySpec(Base64.getDecoder().decode(doc.getString("key")), "AES"));
    }
}
