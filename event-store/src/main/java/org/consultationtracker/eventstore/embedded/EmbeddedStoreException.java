package org.consultationtracker.eventstore.embedded;

/** The embedded store cannot start; the message is the one line an operator needs. */
public class EmbeddedStoreException extends RuntimeException {

    public EmbeddedStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
