package org.consultationtracker.eventstore.config;

import org.consultationtracker.eventstore.embedded.EmbeddedStoreException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a store that cannot be reached or opened into one line an operator can act on, instead of a wall of nested
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
        }
        return null;
    }
}
