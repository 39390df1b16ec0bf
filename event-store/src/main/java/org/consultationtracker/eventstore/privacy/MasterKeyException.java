package org.consultationtracker.eventstore.privacy;

/** A master key could not be had or could not unwrap a key. Messages never carry key material. */
public class MasterKeyException extends RuntimeException {

    public MasterKeyException(String message) {
        super(message);
    }

    public MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
