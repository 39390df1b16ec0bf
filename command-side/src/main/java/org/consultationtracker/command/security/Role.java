package org.consultationtracker.command.security;

/** The roles of the product, most privileged first: a user acting with several is recorded under the first. */
public enum Role {
    ADMIN,
    FACILITATOR,
    NOTE_TAKER,
    PARTICIPANT,
    REVIEWER;

    public String authority() {
        return "ROLE_" + name();
    }
}
