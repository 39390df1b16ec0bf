package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.TrackingToken;

/** The global position of a stored event, from the token it was read with. */
final class EventPosition {

    private EventPosition() {
    }

    static long of(TrackingToken token) {
        if (token == null || token.position().isEmpty()) {
            throw new IllegalArgumentException("A lookup is written only from stored events, which have a position");
        }
        return token.position().getAsLong();
    }
}
