package org.consultationtracker.command.lookup;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Which consultations, stakeholder groups and sessions exist. */
@Component
@ProcessingGroup(LookupConfiguration.PROCESSING_GROUP)
public class ConsultationDirectory {

    private final LookupStore store;

    public ConsultationDirectory(LookupStore store) {
        this.store = store;
    }

    public boolean consultationExists(String consultationId) {
        return store.find("consultation:" + consultationId).isPresent();
    }

    public boolean stakeholderGroupDefined(String consultationId, String groupId) {
        return store.find(groupKey(consultationId, groupId)).isPresent();
    }

    public Optional<ScheduledSession> session(String sessionId) {
        return store.find("session:" + sessionId).map(d -> new ScheduledSession(
                sessionId, d.getString("consultationId"), SessionKind.valueOf(d.getString("kind"))));
    }

    @EventHandler
    public void on(ConsultationStarted event) {
        store.merge("consultation:" + event.consultationId(), new Document("title", event.title()));
    }

    @EventHandler
    public void on(StakeholderGroupDefined event) {
        store.merge(groupKey(event.consultationId(), event.groupId()), new Document("name", event.name()));
    }

    @EventHandler
    public void on(SessionScheduled event) {
        store.merge("session:" + event.sessionId(),
                new Document("consultationId", event.consultationId()).append("kind", event.kind().name()));
    }

    private static String groupKey(String consultationId, String groupId) {
        return "group:" + consultationId + ":" + groupId;
    }

    public record ScheduledSession(String sessionId, String consultationId, SessionKind kind) {
    }
}
