package org.consultationtracker.command.report;

import org.consultationtracker.events.report.ConsentGap;

/** A quote in a section whose speaker's consent to be quoted is missing, and what is missing. */
public record QuoteWithoutConsent(String sectionId, String keyPointId, ConsentGap gap) {

    /** In plain words: "section s-1 quotes key point kp-7: consent withdrawn". */
    public String describe() {
        return "section " + sectionId + " quotes key point " + keyPointId + ": " + gap.reason();
    }
}
