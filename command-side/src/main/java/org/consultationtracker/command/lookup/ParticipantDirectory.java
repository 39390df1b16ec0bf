package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.springframework.stereotype.Component;

/** Whether a participant is registered, and whether they have been erased. */
@Component
public class ParticipantDirectory {

    public enum Standing { UNKNOWN, ACTIVE, ERASED }

    private final LookupStore store;

    public ParticipantDirectory(LookupStore store) {
        this.store = store;
    }

    public Standing standing(String participantId) {
        return store.find(key(participantId))
                .map(d -> d.getBoolean("erased", false) ? Standing.ERASED : Standing.ACTIVE)
                .orElse(Standing.UNKNOWN);
    }

    /**
     * The reason the participant cannot act, or {@code null} when they can. Shared wording so every aggregate
     * rejects an erased or unknown participant with the same sentence.
     */
    public String whyCannotAct(String participantId) {
        return switch (standing(participantId)) {
            case ACTIVE -> null;
            case ERASED -> "participant " + participantId + " has been erased and can do nothing more";
            case UNKNOWN -> "no participant " + participantId + " is registered";
        };
    }

    private static String key(String participantId) {
        return "participant:" + participantId;
    }

    /** How the directory follows the events; applied in position order by {@link LookupCatchUp}. */
    static final class Projection {

        private final LookupStore store;

        Projection(LookupStore store) {
            this.store = store;
        }

        @EventHandler
        void on(ParticipantRegistered event, TrackingToken token) {
            store.merge(key(event.participantId()),
                    new Document("consultationId", event.consultationId()).append("erased", false),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(ParticipantErased event, TrackingToken token) {
            store.merge(key(event.participantId()), new Document("erased", true), EventPosition.of(token));
        }
    }
}
