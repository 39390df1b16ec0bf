package org.consultationtracker.command.participant.privacy;

import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.eventstore.privacy.KeyVault;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Per-participant keys, kept in the key vault (collection {@code participant_keys}) and never in the event store.
 * Each participant has two keys: the <em>identity</em> key (name, contact, self-description) and the <em>words</em>
 * key (text attributed to them). Erasure deletes keys, which makes everything they encrypted unreadable while the
 * immutable events, and the hash chain over them, stay as they were.
 */
@Component
public class ParticipantKeyVault {

    private final KeyVault vault;

    public ParticipantKeyVault(KeyVault vault) {
        this.vault = vault;
    }

    public static String identityKeyId(String participantId) {
        return participantId + "/identity";
    }

    public static String wordsKeyId(String participantId) {
        return participantId + "/words";
    }

    /**
     * Creates both keys; a retried registration keeps the keys made the first time, and the keys of an erased
     * participant are never made again.
     *
     * @return true when this call created them (so a refused registration should {@link #forgetKeys} them)
     */
    public boolean createKeys(String participantId) {
        boolean identity = vault.createKey(identityKeyId(participantId), participantId, "identity");
        boolean words = vault.createKey(wordsKeyId(participantId), participantId, "words");
        return identity || words;
    }

    /** Whether the participant's keys were destroyed by erasure. */
    public boolean erased(String participantId) {
        return vault.destroyed(identityKeyId(participantId));
    }

    /** Undoes {@link #createKeys} for a registration that was refused: nothing was ever sealed with these keys. */
    public void forgetKeys(String participantId) {
        vault.forget(identityKeyId(participantId));
        vault.forget(wordsKeyId(participantId));
    }

    public EncryptedValue encrypt(String keyId, String plaintext) {
        KeyVault.Sealed sealed = vault.seal(keyId, plaintext).orElseThrow(() -> new ParticipantKeyMissing(keyId));
        return new EncryptedValue(sealed.keyId(), sealed.iv(), sealed.ciphertext());
    }

    /** The clear text, or empty when the key has been destroyed. */
    public Optional<String> decrypt(EncryptedValue value) {
        return vault.open(value.keyId(), value.iv(), value.ciphertext());
    }

    /** Crypto-shredding: the identity key always goes; the words key too when the words are withdrawn. */
    public void destroyKeys(String participantId, ContributionPolicy policy) {
        vault.destroy(identityKeyId(participantId));
        if (policy == ContributionPolicy.WITHDRAW_WORDS) {
            vault.destroy(wordsKeyId(participantId));
        }
    }

    public boolean holdsKey(String keyId) {
        return vault.holds(keyId);
    }
}
