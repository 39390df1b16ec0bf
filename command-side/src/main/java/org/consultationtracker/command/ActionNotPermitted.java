package org.consultationtracker.command;

/**
 * The user is authenticated and holds a role that may use the endpoint, but not on this particular thing (a
 * participant acting for somebody else, or editing a key point somebody else recorded). Mapped to 403.
 */
public class ActionNotPermitted extends RuntimeException {

    public ActionNotPermitted(String message) {
        super(message);
    }
}
