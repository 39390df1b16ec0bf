package org.consultationtracker.query.participation;

import org.bson.Document;
import org.consultationtracker.events.agenda.ConversationMoved;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static org.consultationtracker.query.readmodel.Docs.addOnce;
import static org.consultationtracker.query.readmodel.Docs.element;
import static org.consultationtracker.query.readmodel.Docs.list;
import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * Who was in which room when: per conversation the presences (participant id, from, to, where they came from and went
 * to), per session the rounds. The numbers (initial, peak, highest sustained, by stakeholder group) are computed from
 * these at read time, so the threshold stays configurable and an erasure changes no count: presences keep only ids.
 */
@Component
public class ParticipationProjection implements Projection {

    static final String SESSIONS = "participation_sessions";
    static final String CONVERSATIONS = "participation_conversations";

    @Override
    public ReadModel model() {
        return ReadModel.PARTICIPATION;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof GridDefined e) {
            Document sessionDoc = sessionDocument(session, e.agendaId(), e.occurredAt(), context);
            if (sessionDoc != null) {
                for (GridRound round : e.rounds()) {
                    element(sessionDoc, "rounds", "round", round.round())
                            .append("startsAt", time(round.startsAt())).append("endsAt", time(round.endsAt()));
                }
                Docs.<Document>list(sessionDoc, "rounds").sort(java.util.Comparator.comparingInt((Document r) -> r.getInteger("round")));
            }
        } else if (payload instanceof RoundOpened e) {
            Document sessionDoc = sessionDocument(session, e.agendaId(), e.occurredAt(), context);
            if (sessionDoc != null) {
                element(sessionDoc, "rounds", "round", e.round()).append("openedAt", time(e.occurredAt()));
            }
        } else if (payload instanceof RoundClosed e) {
            Document sessionDoc = sessionDocument(session, e.agendaId(), e.occurredAt(), context);
            if (sessionDoc != null) {
                element(sessionDoc, "rounds", "round", e.round()).append("closedAt", time(e.occurredAt()));
            }
        } else if (payload instanceof ConversationScheduled e) {
            sessionDocument(session, e.agendaId(), e.occurredAt(), context, e.conversationId());
            Document conversation = session.forUpdate(CONVERSATIONS, e.conversationId(), context);
            if (conversation != null) {
                conversation.append("agendaId", e.agendaId()).append("round", e.round()).append("room", e.room())
                            .append("question", Words.stored(e.question()))
                            .append("hostIds", List.copyOf(e.hostIds()));
            }
        } else if (payload instanceof ConversationMoved e) {
            sessionDocument(session, e.agendaId(), e.occurredAt(), context, e.conversationId());
            Document conversation = session.forUpdate(CONVERSATIONS, e.conversationId(), context);
            if (conversation != null) {
                conversation.append("agendaId", e.agendaId()).append("round", e.toRound()).append("room", e.toRoom());
            }
        } else if (payload instanceof ConversationStarted e) {
            sessionDocument(session, e.agendaId(), e.occurredAt(), context, e.conversationId());
            Document conversation = session.forUpdate(CONVERSATIONS, e.conversationId(), context);
            if (conversation != null) {
                conversation.append("agendaId", e.agendaId()).append("round", e.round()).append("room", e.room())
                            .append("startedAt", time(e.occurredAt())).append("startedBy", e.hostId());
                arrive(conversation, e.hostId(), e.occurredAt(), null);
            }
        } else if (payload instanceof ParticipantJoinedConversation e) {
            sessionDocument(session, e.agendaId(), e.occurredAt(), context, e.conversationId());
            Document conversation = session.forUpdate(CONVERSATIONS, e.conversationId(), context);
            if (conversation != null) {
                conversation.putIfAbsent("agendaId", e.agendaId());
                conversation.putIfAbsent("round", e.round());
                arrive(conversation, e.participantId(), e.occurredAt(), e.movedFromConversationId());
            }
        } else if (payload instanceof ParticipantLeftConversation e) {
            sessionDocument(session, e.agendaId(), e.occurredAt(), context, e.conversationId());
            Document conversation = session.forUpdate(CONVERSATIONS, e.conversationId(), context);
            if (conversation != null) {
                conversation.putIfAbsent("agendaId", e.agendaId());
                conversation.putIfAbsent("round", e.round());
                Document open = openPresence(conversation, e.participantId());
                if (open == null) {
                    // A departure nobody saw arrive: kept visible rather than invented into a presence.
                    list(conversation, "unmatchedDepartures").add(
                            new Document("participantId", e.participantId()).append("at", time(e.occurredAt())));
                } else {
                    open.append("to", time(e.occurredAt())).append("departedTo", e.movedToConversationId());
                }
            }
        }
    }

    private static void arrive(Document conversation, String participantId, Instant at, String arrivedFrom) {
        if (openPresence(conversation, participantId) != null) {
            return; // already in the room (e.g. the host also recorded as joining)
        }
        list(conversation, "presences").add(new Document("participantId", participantId).append("from", time(at))
                                                    .append("to", null).append("arrivedFrom", arrivedFrom));
    }

    private static Document openPresence(Document conversation, String participantId) {
        List<Document> presences = list(conversation, "presences");
        for (int i = presences.size() - 1; i >= 0; i--) {
            Document presence = presences.get(i);
            if (participantId.equals(presence.getString("participantId")) && presence.get("to") == null) {
                return presence;
            }
        }
        return null;
    }

    private static Document sessionDocument(DocumentSession session, String agendaId, Instant at,
                                            EventContext context, String... conversationIds) {
        Document sessionDoc = session.forUpdate(SESSIONS, agendaId, context);
        if (sessionDoc != null) {
            Instant latest = Docs.instant(sessionDoc, "latestEventAt");
            if (at != null && (latest == null || at.isAfter(latest))) {
                sessionDoc.put("latestEventAt", time(at));
            }
            for (String conversationId : conversationIds) {
                addOnce(sessionDoc, "conversationIds", conversationId);
            }
        }
        return sessionDoc;
    }
}
