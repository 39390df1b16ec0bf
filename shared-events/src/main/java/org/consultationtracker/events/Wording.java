package org.consultationtracker.events;

/**
 * Words somebody said or wrote. Exactly one of the two fields is set: words attributed to a participant are
 * encrypted with that participant's "words" key (so they can withdraw them), words nobody is named for
 * (anonymous key points, collective summaries) are kept in clear.
 *
 * @param plainText     the text, when it is not attributed to a participant; otherwise {@code null}
 * @param encryptedText the text encrypted with the attributed participant's words key; otherwise {@code null}
 */
public record Wording(String plainText, EncryptedValue encryptedText) {

    public static Wording plain(String text) {
        return new Wording(text, null);
    }

    public static Wording encrypted(EncryptedValue text) {
        return new Wording(null, text);
    }
}
