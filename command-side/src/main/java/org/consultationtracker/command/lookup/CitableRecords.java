package org.consultationtracker.command.lookup;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The things a report may cite or tag: key points (whether verbatim, retracted, and whose words they are),
 * conversations that took place, and ideas.
 */
@Component
@ProcessingGroup(LookupConfiguration.PROCESSING_GROUP)
public class CitableRecords {

    private final LookupStore store;

    public CitableRecords(LookupStore store) {
        this.store = store;
    }

    public Optional<RecordedKeyPoint> keyPoint(String keyPointId) {
        return store.find(keyPointKey(keyPointId)).map(d -> new RecordedKeyPoint(keyPointId,
                d.getString("conversationId"), d.getString("attributedTo"), d.getBoolean("verbatim", false),
                d.getBoolean("retracted", false)));
    }

    /** Only conversations that actually started can be cited; a scheduled one that never happened cannot. */
    public boolean conversationHappened(String conversationId) {
        return store.find("cited-conversation:" + conversationId).isPresent();
    }

    public boolean ideaExists(String ideaId) {
        return store.find("idea:" + ideaId).isPresent();
    }

    @EventHandler
    public void on(ConversationStarted event) {
        store.merge("cited-conversation:" + event.conversationId(), new Document("agendaId", event.agendaId()));
    }

    @EventHandler
    public void on(KeyPointRecorded event) {
        store.merge(keyPointKey(event.keyPointId()), new Document("conversationId", event.conversationId())
                .append("attributedTo", event.attributedTo()).append("verbatim", event.verbatim())
                .append("retracted", false));
    }

    @EventHandler
    public void on(KeyPointRetracted event) {
        store.merge(keyPointKey(event.keyPointId()), new Document("retracted", true));
    }

    @EventHandler
    public void on(IdeaSubmitted event) {
        store.merge("idea:" + event.ideaId(), new Document("consultationId", event.consultationId()));
    }

    private static String keyPointKey(String keyPointId) {
        return "keypoint:" + keyPointId;
    }

    public record RecordedKeyPoint(String keyPointId, String conversationId, String attributedTo, boolean verbatim,
                                   boolean retracted) {
    }
}
