package org.consultationtracker.events;

/**
 * A value encrypted with AES-256-GCM under a key that lives outside the event store (the participant key vault).
 * Destroying the key named by {@code keyId} makes the value unreadable for ever: that is how erasure works on
 * immutable events ("crypto-shredding").
 *
 * @param keyId      which key encrypted it, e.g. {@code <participantId>/identity} or {@code <participantId>/words}
 * @param iv         the 96-bit initialisation vector, base64; fresh for every value
 * @param ciphertext ciphertext with the GCM tag appended, base64
 */
public record EncryptedValue(String keyId, String iv, String ciphertext) {
}
