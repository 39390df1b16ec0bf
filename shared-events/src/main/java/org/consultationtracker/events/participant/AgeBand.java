package org.consultationtracker.events.participant;

/** Coarse on purpose: enough to count young voices and apply safeguarding, too coarse to identify anyone. */
public enum AgeBand {
    UNDER_16,
    AGED_16_TO_17,
    AGED_18_TO_25,
    AGED_26_AND_OVER,
    NOT_SAID
}
