package org.consultationtracker.query.support;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.Projection;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds event messages the way the command side would (domain events with aggregate id and sequence, actor and role
 * in metadata), and feeds them to projections in memory with increasing positions.
 */
public class EventFeed {

    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Object> fed = new ArrayList<>();
    private long position;
    private String actor = "facilitator-1";
    private String role = "FACILITATOR";

    public EventFeed as(String actor, String role) {
        this.actor = actor;
        this.role = role;
        return this;
    }

    /** A domain event message for the payload; the aggregate is the first of the usual id fields it carries. */
    public DomainEventMessage<?> message(Object payload) {
        String aggregateId = aggregateIdOf(payload);
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence, payload,
                                               MetaData.with("actor", actor).and("role", role));
    }

    public List<DomainEventMessage<?>> messages(Object... payloads) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(message(payload));
        }
        return messages;
    }

    /** Applies the payloads in order, each at the next position, as if recorded at its occurredAt. */
    public void feed(InMemoryDocumentSession session, List<? extends Projection> projections, Object... payloads) {
        for (Object payload : payloads) {
            position++;
            fed.add(payload);
            EventContext context = new EventContext(position, "event-" + position,
                                                    payload.getClass().getSimpleName(), aggregateIdOf(payload),
                                                    occurredAt(payload), actor, role);
            for (Projection projection : projections) {
                projection.apply(payload, context, session);
            }
        }
        session.flush();
    }

    /** Applies already fed events again with their original positions (a redelivered batch). */
    public void redeliver(InMemoryDocumentSession session, List<? extends Projection> projections, int fromIndex) {
        for (int i = fromIndex; i < fed.size(); i++) {
            Object payload = fed.get(i);
            EventContext context = new EventContext(i + 1, "event-" + (i + 1), payload.getClass().getSimpleName(),
                                                    aggregateIdOf(payload), occurredAt(payload), actor, role);
            for (Projection projection : projections) {
                projection.apply(payload, context, session);
            }
        }
        session.flush();
    }

    public List<Object> fed() {
        return fed;
    }

    static Instant occurredAt(Object payload) {
        Object value = component(payload, "occurredAt");
        return value instanceof Instant instant ? instant : Instant.EPOCH;
    }

    static String aggregateIdOf(Object payload) {
        for (String field : List.of("agendaId", "conversationId", "reportId", "participantId", "ideaId",
                                    "consultationId")) {
            Object value = component(payload, field);
            if (value instanceof String id) {
                // Conversation events belong to the conversation, agenda-level ones to the agenda.
                Object conversation = component(payload, "conversationId");
                if (field.equals("agendaId") && conversation instanceof String conversationId
                        && payload.getClass().getPackageName().endsWith(".conversation")) {
                    return conversationId;
                }
                return id;
            }
        }
        return "unknown";
    }

    private static Object component(Object payload, String name) {
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(payload);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    /**
     * {@code consultations} consultations' stories ({@link ConsultationStory}, ids prefixed {@code <stem><n>-}), one
     * after the other, as a processor receives them: tracked at positions 1, 2, ...
     */
    public static List<TrackedEventMessage<?>> trackedStories(String stem, int consultations) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        EventFeed feed = new EventFeed();
        long position = 0;
        for (int consultation = 1; consultation <= consultations; consultation++) {
            for (DomainEventMessage<?> message : feed.messages(
                    ConsultationStory.events(stem + consultation + "-").toArray())) {
                events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(++position), message));
            }
        }
        return events;
    }
}
