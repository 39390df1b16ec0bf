package org.consultationtracker.command.lookup;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.springframework.stereotype.Component;

/** Whether a participant is registered, and whether they have been erased. */
@Component
@ProcessingGroup(LookupConfiguration.PROCESSING_GROUP)
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

    @EventHandler
    public void on(ParticipantRegistered event) {
        store.merge(key(event.participantId()),
                new Document("consultationId", event.consultationId()).append("erased", false));
    }

    @EventHandler
    public void on(ParticipantErased event) {
        store.merge(key(event.participantId()), new Document("erased", true));
    }

    private static String key(String participantId) {
        return "participant:" + participantId;
    }
}
