package org.consultationtracker.query.auditlog;

import org.bson.Document;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * One entry per event, keyed by its position: who (actor and role from metadata), when it was said ({@code occurredAt}) and recorded (the
 * event timestamp), what (event type) and which ids it concerns. Holds ids, never words (an erasure adds who asked for it and
 * why, which name the request and not the person), so erasure changes nothing here: participant ids are pseudonymous
 * and the pseudonym is resolved elsewhere. Written whole: a redelivered event rewrites the same entry. Each entry is
 * also posted under every filter value it carries ({@link Postings}), so a search reads keys, never scans.
 * <p>
 * An entry of an <em>anonymous contribution</em> — an idea or session feedback without a participant, a key point or
 * plenary contribution attributed to nobody, and the edits and retractions of such a key point — is marked
 * {@code anonymous}. Its actor and role are still stored (an admin may need to know which account sent it), but
 * {@link AuditLogQueries} shows them to admins only: the account that sent an anonymous idea would otherwise name the
 * person.
 * Which key points are anonymous is remembered in {@value #ANONYMOUS_KEY_POINTS} (ids only); their edits come from
 * the same conversation's stream, so the same segment, after the key point.
 * <p>
 * Events that carry only a conversation id (key points, edits, retractions, summaries, plenary contributions, tags)
 * belong to the session of that conversation: {@link ConversationSessions} remembers which session each conversation
 * (or proposal) is on and posts those entries under the session too, including the ones that came before the session
 * was known.
 */
@Component
public class AuditLogProjection implements Projection {

    static final String ANONYMOUS_KEY_POINTS = "audit_log_anonymous_key_points";

    /** Fields that name a participant, so the log can be filtered by participant. */
    private static final Set<String> PARTICIPANT_FIELDS = Set.of(
            "participantId", "proposerId", "hostId", "hostIds", "attributedTo", "contributorId", "presentedBy",
            "agreedBy");

    private final Map<Class<?>, RecordComponent[]> components = new ConcurrentHashMap<>();

    @Override
    public ReadModel model() {
        return ReadModel.AUDIT_LOG;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        Map<String, Object> ids = new TreeMap<>();
        Set<String> participants = new LinkedHashSet<>();
        Instant occurredAt = null;
        for (RecordComponent component : componentsOf(payload)) {
            Object value = read(component, payload);
            String name = component.getName();
            if (name.equals("occurredAt") && value instanceof Instant instant) {
                occurredAt = instant;
            } else if (value instanceof String text && (name.endsWith("Id") || PARTICIPANT_FIELDS.contains(name))) {
                ids.put(name, text);
                if (PARTICIPANT_FIELDS.contains(name)) {
                    participants.add(text);
                }
            } else if (value instanceof List<?> list && (name.endsWith("Ids") || PARTICIPANT_FIELDS.contains(name))) {
                List<String> values = new ArrayList<>();
                list.forEach(element -> values.add(String.valueOf(element)));
                ids.put(name, values);
                if (PARTICIPANT_FIELDS.contains(name)) {
                    participants.addAll(values);
                }
            }
        }
        Object sessionId = ids.get("agendaId") != null ? ids.get("agendaId") : ids.get("sessionId");
        if (sessionId == null && ids.get("conversationId") instanceof String conversationId) {
            sessionId = ConversationSessions.sessionOf(session, conversationId);
        }
        boolean anonymous = anonymous(payload, context, session);
        Document entry = new Document("_id", Postings.entryId(context.position()))
                .append("eventId", context.eventId())
                .append("position", context.position())
                .append("eventType", context.eventType())
                .append("actor", context.actor())
                .append("role", context.role())
                .append("occurredAt", time(occurredAt))
                .append("recordedAt", time(context.recordedAt()))
                .append("aggregateId", context.aggregateId())
                .append("sessionId", sessionId)
                .append("conversationId", ids.get("conversationId"))
                .append("participantIds", new ArrayList<>(participants))
                .append("ids", new Document(ids));
        if (anonymous) {
            entry.append("anonymous", true);
        }
        if (payload instanceof ParticipantErased erased) {
            // An erasure is accountable: who asked and why stay beside it (they name the request, not the person).
            entry.append("erasure", new Document("requestedBy", erased.requestedBy() == null ? null
                    : erased.requestedBy().name()).append("reason", erased.reason())
                    .append("requestReference", erased.requestReference()));
        }
        session.put(Postings.ENTRIES, entry);
        post(entry, anonymous, context, session);
        if (sessionId == null && ids.get("conversationId") instanceof String conversationId) {
            ConversationSessions.awaitSession(session, conversationId, context);
        }
        if (ids.get("agendaId") instanceof String agendaId) {
            for (String conversationId : ConversationSessions.conversationsNamed(payload, ids.get("conversationId"))) {
                ConversationSessions.settle(session, conversationId, agendaId, context);
            }
        }
    }

    /** The entry under every filter value it carries, in a fixed order (so a rebuild writes the same postings). */
    private static void post(Document entry, boolean anonymous, EventContext context, DocumentSession session) {
        Postings.addToAll(session, context);
        if (entry.get("sessionId") instanceof String sessionId) {
            Postings.add(session, Postings.key(Postings.SESSION, sessionId), context);
        }
        if (entry.get("conversationId") instanceof String conversationId) {
            Postings.add(session, Postings.key(Postings.CONVERSATION, conversationId), context);
        }
        for (String participantId : Docs.strings(entry, "participantIds")) {
            Postings.add(session, Postings.key(Postings.PARTICIPANT, participantId), context);
        }
        if (context.actor() != null) {
            Postings.add(session, Postings.key(Postings.ACTOR, context.actor()), context);
            if (!anonymous) {
                Postings.add(session, Postings.key(Postings.NAMED_ACTOR, context.actor()), context);
            }
        }
        Postings.add(session, Postings.key(Postings.EVENT_TYPE, context.eventType()), context);
    }

    private static boolean anonymous(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof IdeaSubmitted e) {
            return e.participantId() == null;
        }
        if (payload instanceof PlenaryContributionRecorded e) {
            return e.contributorId() == null;
        }
        if (payload instanceof SessionFeedbackGiven e) {
            return e.contributorId() == null;
        }
        if (payload instanceof KeyPointRecorded e) {
            if (e.attributedTo() != null) {
                return false;
            }
            Document keyPoint = session.forUpdate(ANONYMOUS_KEY_POINTS, e.keyPointId(), context);
            if (keyPoint != null) {
                keyPoint.put("conversationId", e.conversationId());
            }
            return true;
        }
        if (payload instanceof KeyPointEdited e) {
            return session.find(ANONYMOUS_KEY_POINTS, e.keyPointId()) != null;
        }
        if (payload instanceof KeyPointRetracted e) {
            return session.find(ANONYMOUS_KEY_POINTS, e.keyPointId()) != null;
        }
        return false;
    }

    private RecordComponent[] componentsOf(Object payload) {
        return components.computeIfAbsent(payload.getClass(), type -> type.isRecord()
                ? type.getRecordComponents() : new RecordComponent[0]);
    }

    private static Object read(RecordComponent component, Object payload) {
        try {
            return component.getAccessor().invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + payload.getClass(), e);
        }
    }
}
