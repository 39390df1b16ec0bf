package org.consultationtracker.command;

/**
 * A command names something inside an aggregate that is not there (a merge an agenda never made, a key point a
 * conversation never held). Mapped to 404, like an unknown aggregate: the caller named nothing that exists.
 */
public class UnknownRecord extends RuntimeException {

    public UnknownRecord(String message) {
        super(message);
    }
}
