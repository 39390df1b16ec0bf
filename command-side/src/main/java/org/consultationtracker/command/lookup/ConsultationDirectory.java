package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Which consultations, stakeholder groups and sessions exist. */
@Component
public class ConsultationDirectory {

    private final LookupStore store;

    public ConsultationDirectory(LookupStore store) {
        this.store = store;
    }

    public boolean consultationExists(String consultationId) {
        return store.find(consultationKey(consultationId)).isPresent();
    }

    public boolean stakeholderGroupDefined(String consultationId, String groupId) {
        return store.find(groupKey(consultationId, groupId)).isPresent();
    }

    public Optional<ScheduledSession> session(String sessionId) {
        return store.find(sessionKey(sessionId)).map(d -> new ScheduledSession(
                sessionId, d.getString("consultationId"), SessionKind.valueOf(d.getString("kind"))));
    }

    private static String consultationKey(String consultationId) {
        return "consultation:" + consultationId;
    }

    private static String groupKey(String consultationId, String groupId) {
        return "group:" + consultationId + ":" + groupId;
    }

    private static String sessionKey(String sessionId) {
        return "session:" + sessionId;
    }

    public record ScheduledSession(String sessionId, String consultationId, SessionKind kind) {
    }

    /** How the directory follows the events; applied in position order by {@link LookupCatchUp}. */
    static final class Projection {

        private final LookupStore store;

        Projection(LookupStore store) {
            this.store = store;
        }

        @EventHandler
        void on(ConsultationStarted event, TrackingToken token) {
            store.merge(consultationKey(event.consultationId()), new Document("title", event.title()),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(StakeholderGroupDefined event, TrackingToken token) {
            store.merge(groupKey(event.consultationId(), event.groupId()), new Document("name", event.name()),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(SessionScheduled event, TrackingToken token) {
            store.merge(sessionKey(event.sessionId()),
                    new Document("consultationId", event.consultationId()).append("kind", event.kind().name()),
                    EventPosition.of(token));
        }
    }
}
