package org.consultationtracker.eventstore.privacy;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A 32-byte master key held by this process (from an environment variable or a key file): AES-256-GCM key wrapping,
 * with the data key's id as associated data. A wrapped key is base64 of IV (12 bytes) followed by ciphertext and tag.
 */
public final class LocalMasterKey implements MasterKey {

    public static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String id;

    private LocalMasterKey(byte[] material) {
        if (material.length != KEY_BYTES) {
            throw new MasterKeyException("a master key must be " + KEY_BYTES + " bytes, this one has "
                                         + material.length);
        }
        this.key = new SecretKeySpec(material, "AES");
        this.id = "local:" + fingerprint(material);
    }

    public static LocalMasterKey of(byte[] material) {
        return new LocalMasterKey(material.clone());
    }

    /**
     * @param source where the text came from, for the error message (the text itself is never repeated)
     */
    public static LocalMasterKey fromBase64(String text, String source) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("the master key in " + source + " is not base64");
        }
        if (material.length != KEY_BYTES) {
            throw new MasterKeyException("the master key in " + source + " must be base64 of " + KEY_BYTES
                                         + " bytes, it decodes to " + material.length);
        }
        return new LocalMasterKey(material);
    }

    public static byte[] generate() {
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        return material;
    }

    /** A master key for this process only (the in-memory test store, or a test that asks for one). */
    public static LocalMasterKey random() {
        return new LocalMasterKey(generate());
    }

    /**
     * Eight hex digits of a SHA-256 over the key, domain-separated so the fingerprint is not a hash anyone else would
     * compute from the same bytes. Enough to tell keys apart; says nothing usable about the key.
     */
    private static String fingerprint(byte[] material) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("consultation-tracker master key id\0".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(sha256.digest(material), 4));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String wrap(byte[] dataKey, String keyId) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(dataKey);
            byte[] wrapped = Arrays.copyOf(iv, IV_BYTES + ciphertext.length);
            System.arraycopy(ciphertext, 0, wrapped, IV_BYTES, ciphertext.length);
            return Base64.getEncoder().encodeToString(wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public byte[] unwrap(String wrappedKey, String keyId) {
        try {
            byte[] wrapped = Base64.getDecoder().decode(wrappedKey);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrapped, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new MasterKeyException("key " + keyId + " does not unwrap under master key " + id
                                         + " (wrapped by another master key, or moved from another record)");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
