package org.consultationtracker.benchmarks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.eventstore.privacy.KeyVault;
import org.consultationtracker.eventstore.privacy.LocalMasterKey;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The participants' identity and words keys, made as the command side makes them ({@code ParticipantKeyVault}: ids
 * {@code <participantId>/identity} and {@code <participantId>/words}, AES-256 material wrapped by the master key the
 * services are given, in {@link KeyVault}'s document layout), and values sealed as {@link KeyVault#seal} seals them
 * (AES-GCM, 96-bit IV, the key id as associated data), so that the query side opens them exactly as it opens the
 * command side's. {@code KeyVault} itself reads the key's document on every seal; a generator sealing millions of
 * values keeps the material in memory instead and writes the key documents in batches.
 */
final class ParticipantKeys {

    private static final int BATCH = 1_000;

    private final LocalMasterKey masterKey;
    private final MongoCollection<Document> keys;
    private final Random random;
    private final Map<String, SecretKeySpec> material = new HashMap<>();
    private final List<Document> unwritten = new ArrayList<>();

    ParticipantKeys(MongoDatabase database, LocalMasterKey masterKey, Random random) {
        this.masterKey = masterKey;
        this.keys = database.getCollection(KeyVault.COLLECTION);
        this.random = random;
    }

    static String identityKeyId(String participantId) {
        return participantId + "/identity";
    }

    static String wordsKeyId(String participantId) {
        return participantId + "/words";
    }

    /** Both keys of a newly registered participant. */
    void create(String participantId, Instant at) {
        create(identityKeyId(participantId), participantId, "identity", at);
        create(wordsKeyId(participantId), participantId, "words", at);
    }

    /** Words attributed to a participant are sealed under their words key; words nobody is named for stay clear. */
    Wording words(String attributedTo, String text) {
        return attributedTo == null ? Wording.plain(text) : Wording.encrypted(seal(wordsKeyId(attributedTo), text));
    }

    EncryptedValue seal(String keyId, String plaintext) {
        SecretKeySpec key = material.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no key " + keyId + " was made before sealing with it");
        }
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new EncryptedValue(keyId, base64.encodeToString(iv), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Writes the keys made since the last flush; called before the events sealed with them are appended. */
    void flush() {
        if (!unwritten.isEmpty()) {
            keys.insertMany(new ArrayList<>(unwritten), new InsertManyOptions().ordered(false));
            unwritten.clear();
        }
    }

    private void create(String keyId, String ownerId, String purpose, Instant at) {
        byte[] bytes = new byte[LocalMasterKey.KEY_BYTES];
        random.nextBytes(bytes);
        material.put(keyId, new SecretKeySpec(bytes, "AES"));
        unwritten.add(new Document("_id", keyId).append("ownerId", ownerId).append("purpose", purpose)
                                                .append("wrappedKey", masterKey.wrap(bytes, keyId))
                                                .append("wrappedBy", masterKey.id())
                                                .append("createdAt", at.toString()));
        if (unwritten.size() >= BATCH) {
            flush();
        }
    }
}
