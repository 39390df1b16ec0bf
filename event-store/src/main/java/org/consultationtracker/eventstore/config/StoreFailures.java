package org.consultationtracker.eventstore.config;

import com.mongodb.MongoException;

/**
 * Tells a failure of the store (unreachable, timed out, refused a write) from a failure of what was being processed.
 * The first may pass when the work is retried; the second will not, so whoever applies events parks or leaves out the
 * event instead of retrying it for ever.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    /** Whether a MongoDB driver exception is among {@code e}'s causes. */
    public static boolean causedByStore(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoException) {
                return true;
            }
        }
        return false;
    }
}
