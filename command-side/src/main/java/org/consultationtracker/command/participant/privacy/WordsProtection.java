package org.consultationtracker.command.participant.privacy;

import org.consultationtracker.events.Wording;
import org.springframework.stereotype.Component;

/**
 * Turns text into the {@link Wording} an event carries: words attributed to a participant are encrypted with their
 * words key (so "withdraw my words" can destroy them), unattributed words stay in clear.
 */
@Component
public class WordsProtection {

    private final ParticipantKeyVault vault;

    public WordsProtection(ParticipantKeyVault vault) {
        this.vault = vault;
    }

    public Wording protect(String attributedTo, String text) {
        return attributedTo == null
                ? Wording.plain(text)
                : Wording.encrypted(vault.encrypt(ParticipantKeyVault.wordsKeyId(attributedTo), text));
    }

    /** The rule aggregates check: attributed words are encrypted under that participant's words key, others are not. */
    public static boolean fits(String attributedTo, Wording wording) {
        if (wording == null) {
            return false;
        }
        if (attributedTo == null) {
            return wording.plainText() != null && wording.encryptedText() == null;
        }
        return wording.plainText() == null && wording.encryptedText() != null
                && ParticipantKeyVault.wordsKeyId(attributedTo).equals(wording.encryptedText().keyId());
    }
}
