package org.consultationtracker.command.lookup;

/**
 * The lookup could not be brought up to date with the event store: the store failed, an event could not be applied,
 * or a position stayed in flight (allocated by a writer, not yet stored) for longer than the catch-up may wait.
 * Whatever was about to be judged on the lookup must not be: the request is refused and may be retried.
 */
public class LookupUnavailable extends RuntimeException {

    LookupUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
