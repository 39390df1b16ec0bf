package org.consultationtracker.events.participant;

/** What a participant can agree to, each separately. */
public enum ConsentPurpose {
    /** Take part and have what they say recorded as key points. */
    TAKE_PART,
    /** Have their words quoted verbatim (never by name) in the report. */
    BE_QUOTED,
    /** Be contacted again about the consultation. */
    BE_CONTACTED
}
