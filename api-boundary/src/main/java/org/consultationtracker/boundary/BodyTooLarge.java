package org.consultationtracker.boundary;

import java.io.IOException;

/** A request body longer than the service accepts; raised while it is read, so nothing beyond the limit is read. */
public class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The rule, as the problem response states it for the field {@code body}. */
    public static String rule(long limit) {
        return "must be at most " + limit + " bytes";
    }
}
