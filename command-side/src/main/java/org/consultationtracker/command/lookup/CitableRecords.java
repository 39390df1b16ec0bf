package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.KeyPointMoved;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The things a report may cite or tag: key points (whether verbatim, retracted, and whose words they are),
 * conversations that took place, ideas, plenary contributions, and participants' feedback on a session.
 */
@Component
public class CitableRecords {

    private final LookupStore store;

    public CitableRecords(LookupStore store) {
        this.store = store;
    }

    public Optional<RecordedKeyPoint> keyPoint(String keyPointId) {
        return store.find(keyPointKey(keyPointId)).map(d -> new RecordedKeyPoint(keyPointId,
                d.getString("conversationId"), d.getString("attributedTo"), d.getString("recordedBy"),
                d.getBoolean("verbatim", false), d.getBoolean("retracted", false)));
    }

    /** Only conversations that actually started can be cited; a scheduled one that never happened cannot. */
    public boolean conversationHappened(String conversationId) {
        return store.find(conversationKey(conversationId)).isPresent();
    }

    /** The agenda (Open Space session) of a conversation that started; empty when it never did. */
    public Optional<String> agendaOfConversation(String conversationId) {
        return store.find(conversationKey(conversationId)).map(d -> d.getString("agendaId"));
    }

    public boolean ideaExists(String ideaId) {
        return store.find(ideaKey(ideaId)).isPresent();
    }

    public boolean plenaryContributionExists(String contributionId) {
        return store.find(contributionKey(contributionId)).isPresent();
    }

    private static String contributionKey(String contributionId) {
        return "plenary-contribution:" + contributionId;
    }

    public boolean feedbackExists(String feedbackId) {
        return store.find(feedbackKey(feedbackId)).isPresent();
    }

    private static String feedbackKey(String feedbackId) {
        return "session-feedback:" + feedbackId;
    }

    private static String keyPointKey(String keyPointId) {
        return "keypoint:" + keyPointId;
    }

    private static String conversationKey(String conversationId) {
        return "cited-conversation:" + conversationId;
    }

    private static String ideaKey(String ideaId) {
        return "idea:" + ideaId;
    }

    /**
     * @param conversationId the conversation holding the key point now: where it was recorded, or where it was last
     *                       moved to ({@code KeyPointMoved})
     * @param recordedBy     the user who typed it (who may edit it as a participant)
     */
    public record RecordedKeyPoint(String keyPointId, String conversationId, String attributedTo, String recordedBy,
                                   boolean verbatim, boolean retracted) {
    }

    /** How the records follow the events; applied in position order by {@link LookupCatchUp}. */
    static final class Projection {

        private final LookupStore store;

        Projection(LookupStore store) {
            this.store = store;
        }

        @EventHandler
        void on(ConversationStarted event, TrackingToken token) {
            store.merge(conversationKey(event.conversationId()), new Document("agendaId", event.agendaId()),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(KeyPointRecorded event, TrackingToken token) {
            store.merge(keyPointKey(event.keyPointId()), new Document("conversationId", event.conversationId())
                    .append("attributedTo", event.attributedTo()).append("recordedBy", event.recordedBy())
                    .append("verbatim", event.verbatim())
                    .append("retracted", false), EventPosition.of(token));
        }

        @EventHandler
        void on(KeyPointRetracted event, TrackingToken token) {
            store.merge(keyPointKey(event.keyPointId()), new Document("retracted", true), EventPosition.of(token));
        }

        /** From this event on the key point is the target conversation's: that aggregate learns it from here. */
        @EventHandler
        void on(KeyPointMoved event, TrackingToken token) {
            store.merge(keyPointKey(event.keyPointId()), new Document("conversationId", event.toConversationId()),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(PlenaryContributionRecorded event, TrackingToken token) {
            store.merge(contributionKey(event.contributionId()), new Document("conversationId", event.conversationId()),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(SessionFeedbackGiven event, TrackingToken token) {
            store.merge(feedbackKey(event.feedbackId()), new Document("sessionId", event.sessionId()),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(IdeaSubmitted event, TrackingToken token) {
            store.merge(ideaKey(event.ideaId()), new Document("consultationId", event.consultationId()),
                    EventPosition.of(token));
        }
    }
}
