package org.consultationtracker.system;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Polling with a deadline for the system tests that drive separate processes, and a log with the seconds since the
 * test began. A wait that times out fails with what {@code diagnostics} says of the processes at that moment.
 */
final class Waiting {

    @FunctionalInterface
    interface CheckedSupplier<T> {
        T get() throws Exception;
    }

    private final Instant started = Instant.now();
    private final Supplier<String> diagnostics;

    Waiting(Supplier<String> diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Polls until {@code condition} gives something other than null or false, or fails after {@code timeout}. */
    <T> T await(String what, Duration timeout, CheckedSupplier<T> condition) throws Exception {
        Instant begun = Instant.now();
        Instant deadline = begun.plus(timeout);
        Exception last = null;
        while (true) {
            try {
                T value = condition.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    log("waited %d ms for %s", Duration.between(begun, Instant.now()).toMillis(), what);
                    return value;
                }
            } catch (Exception e) {
                last = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what + "; "
                                                 + diagnostics.get(), last);
            }
            Thread.sleep(250);
        }
    }

    void log(String format, Object... arguments) {
        System.out.printf("[%6.1f s] %s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0,
                          String.format(format, arguments));
    }
}
