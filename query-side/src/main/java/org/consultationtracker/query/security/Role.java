package org.consultationtracker.query.security;

/** The roles of the consultation; who may read what is decided in {@link SecurityConfiguration}. */
public enum Role {
    ADMIN, FACILITATOR, NOTE_TAKER, REVIEWER, PARTICIPANT;

    /** Roles that may read every read model: reviewer and above. A participant may not read others' data. */
    static final String[] READERS = {ADMIN.name(), FACILITATOR.name(), NOTE_TAKER.name(), REVIEWER.name()};
}
