package org.consultationtracker.eventstore.config;

import org.consultationtracker.eventstore.embedded.EmbeddedStoreException;
import org.consultationtracker.eventstore.privacy.MasterKeyException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a store that cannot be reached or opened, or a master key that cannot be had, into one line an operator can act on, instead of a wall of nested
 * bean-creation stack traces.
 */
public class StoreStartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException || cause instanceof EmbeddedStoreException) {
                return new FailureAnalysis(
                        "The event store cannot start: " + cause.getMessage(),
                        "Set MONGODB_URI to a reachable MongoDB, or unset it to use the embedded store "
                                + "(its data directory, consultation.store.embedded.data-dir, must be writable).",
                        cause);
            }
            if (cause instanceof MasterKeyException) {
                return new FailureAnalysis(
                        "The key vault cannot start: " + cause.getMessage(),
                        "See docs/operations.md, \"The master key\": where the master key comes from, its "
                                + "permissions, and how to rotate it.",
                        cause);
            }
        }
        return null;
    }
}
