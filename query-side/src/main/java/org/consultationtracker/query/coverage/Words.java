package org.consultationtracker.query.coverage;

import org.bson.Document;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.eventstore.privacy.KeyVault;
import org.consultationtracker.query.coverage.CoverageView.Text;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Shows stored words. Read models keep attributed words as they are in the events — encrypted with the speaker's
 * words key — and open them only when a query shows them. So the read models never hold those words in clear, a
 * rebuild stays byte-identical, and an erasure that destroys the words key withdraws them from every view at once,
 * old generations and "as of" views included.
 */
@Component
public class Words {

    /** What a view says in place of words their author withdrew at erasure (their words key is gone). */
    public static final String WITHDRAWN = "[words withdrawn at the participant's request]";

    /** What a view says in place of words held encrypted that this service cannot open. */
    public static final String SEALED = "[words held encrypted (not readable here)]";

    private final KeyVault vault;

    public Words(KeyVault vault) {
        this.vault = vault;
    }

    public Text show(Document wording) {
        if (wording == null) {
            return new Text(null, false, false);
        }
        if (wording.getBoolean("withdrawn", false)) {
            return new Text(null, false, true);
        }
        Document encrypted = wording.get("encrypted", Document.class);
        if (encrypted == null) {
            return new Text(wording.getString("plain"), false, false);
        }
        Optional<String> opened;
        try {
            opened = vault.open(encrypted.getString("keyId"), encrypted.getString("iv"),
                                encrypted.getString("ciphertext"));
        } catch (RuntimeException e) {
            return new Text(null, true, false); // held, but this value does not open: show that it exists
        }
        // No key: it was destroyed at erasure (or never issued), so the words are gone for good.
        return opened.map(clear -> new Text(clear, false, false)).orElseGet(() -> new Text(null, false, true));
    }

    /**
     * Stored words as one line of text, for views whose field is a plain string (a proposal's question or pitch):
     * the clear text, or {@link #WITHDRAWN} / {@link #SEALED} in its place. A plain string is shown as it is: that is
     * how documents written before agenda text became a {@link Wording} hold it, until they are rebuilt.
     */
    public String say(Object stored) {
        if (stored == null || stored instanceof String) {
            return (String) stored;
        }
        if (!(stored instanceof Document wording)) {
            return SEALED;
        }
        Text text = show(wording);
        return text.withdrawn() ? WITHDRAWN : text.sealed() ? SEALED : text.plain();
    }

    /**
     * Words as read models store them: plain words as they are, encrypted words as the reference to their
     * ciphertext (never opened into the document), so erasure withdraws them from every view by destroying the key.
     */
    public static Document stored(Wording wording) {
        if (wording == null) {
            return new Document("plain", null);
        }
        if (wording.plainText() != null) {
            return new Document("plain", wording.plainText());
        }
        EncryptedValue encrypted = wording.encryptedText();
        return new Document("encrypted", encrypted == null ? null
                : new Document("keyId", encrypted.keyId()).append("iv", encrypted.iv())
                                                         .append("ciphertext", encrypted.ciphertext()));
    }
}
