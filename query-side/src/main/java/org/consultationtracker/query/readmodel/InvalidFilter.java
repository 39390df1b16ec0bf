package org.consultationtracker.query.readmodel;

/** A query parameter that cannot be used as given (HTTP 400 naming the parameter and why). */
public class InvalidFilter extends RuntimeException {

    private final String parameter;

    public InvalidFilter(String parameter, String reason) {
        super(reason);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
