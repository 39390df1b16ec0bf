package org.consultationtracker.query.coverage;

/** Where a key point ended up, most final first: a point both summarised and cited counts as cited. */
public enum Fate {
    RETRACTED, CITED, SUMMARISED, NOT_YET_HANDLED
}
