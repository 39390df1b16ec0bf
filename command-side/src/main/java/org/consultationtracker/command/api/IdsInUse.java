package org.consultationtracker.command.api;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Ids are one namespace: a session's id becomes its agenda's, a proposal's becomes its conversation's. A new session,
 * proposal or participant may therefore not take an id that already names something of any kind, or it could never
 * become what it is meant to (an agenda whose id is a report's cannot be opened). One key lookup in the event store.
 */
@Component
class IdsInUse {

    private final EventStore eventStore;

    IdsInUse(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** @throws IdTaken when {@code id} already names an aggregate */
    void requireUnused(String field, String id) {
        if (id != null && eventStore.lastSequenceNumberFor(id).isPresent()) {
            throw new IdTaken(field, id);
        }
    }

    /** A new thing was given an id that already names something (HTTP 409). */
    static class IdTaken extends RuntimeException {

        private final String field;

        IdTaken(String field, String id) {
            super(field + " " + id + " already names something else; choose another id");
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
