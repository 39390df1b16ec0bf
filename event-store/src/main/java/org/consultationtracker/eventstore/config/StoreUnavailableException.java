package org.consultationtracker.eventstore.config;

/** The configured MongoDB cannot be reached at start. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String redactedUri, Throwable cause) {
        super("MongoDB at " + redactedUri + " is unreachable (" + cause.getClass().getSimpleName() + ")", cause);
    }
}
