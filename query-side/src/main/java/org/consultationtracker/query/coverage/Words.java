package org.consultationtracker.query.coverage;

import org.bson.Document;
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
}
