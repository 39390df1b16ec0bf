package org.consultationtracker.query.participation;

import org.consultationtracker.query.readmodel.ModelCollection;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.readmodel.AsOfBasis;
import org.consultationtracker.query.readmodel.EventHistory;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.consultationtracker.query.readmodel.Docs.strings;

/** Answers participation queries from the read model, or "as of" a past moment from the events. */
@Service
public class ParticipationQueries {

    public record FindConversationParticipation(String conversationId) {
    }

    /** The arrivals and departures of one conversation's room, in time order. */
    public record FindPresenceTimeline(String conversationId) {
    }

    /** {@code asOf} null means "now", else as of then by time said or recorded. */
    public record FindSessionParticipation(String agendaId, Instant asOf, AsOfBasis basis) {

        public FindSessionParticipation {
            basis = basis == null ? AsOfBasis.RECORDED : basis;
        }

        /** By time recorded. */
        public FindSessionParticipation(String agendaId, Instant asOf) {
            this(agendaId, asOf, AsOfBasis.RECORDED);
        }
    }

    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final ParticipationProperties properties;
    private final EventHistory history;
    private final ParticipationProjection projection;
    private final ParticipantDirectoryProjection directoryProjection;
    private final Words words;

    public ParticipationQueries(ReadModelStore store, ParticipantDirectory directory,
                                ParticipationProperties properties, EventHistory history,
                                ParticipationProjection projection,
                                ParticipantDirectoryProjection directoryProjection, Words words) {
        this.words = words;
        this.store = store;
        this.directory = directory;
        this.properties = properties;
        this.history = history;
        this.projection = projection;
        this.directoryProjection = directoryProjection;
    }

    private ParticipationViews liveViews() {
        return new ParticipationViews(properties, directory::resolve, directory::groupNames, words::say);
    }

    @QueryHandler
    public ParticipationView.Conversation handle(FindConversationParticipation query) {
        Document conversation = store.find(ModelCollection.of(ReadModel.PARTICIPATION, ParticipationProjection.CONVERSATIONS),
                                           query.conversationId());
        if (conversation == null) {
            throw new UnknownId("conversation", query.conversationId());
        }
        Document session = conversation.getString("agendaId") == null ? null
                : store.find(ModelCollection.of(ReadModel.PARTICIPATION, ParticipationProjection.SESSIONS),
                             conversation.getString("agendaId"));
        return liveViews().conversation(conversation, session);
    }

    @QueryHandler
    public PresenceTimeline handle(FindPresenceTimeline query) {
        Document conversation = store.find(ModelCollection.of(ReadModel.PARTICIPATION, ParticipationProjection.CONVERSATIONS),
                                           query.conversationId());
        if (conversation == null) {
            throw new UnknownId("conversation", query.conversationId());
        }
        Document session = conversation.getString("agendaId") == null ? null
                : store.find(ModelCollection.of(ReadModel.PARTICIPATION, ParticipationProjection.SESSIONS),
                             conversation.getString("agendaId"));
        return Presences.timeline(conversation, session, directory::resolve);
    }

    /** Who was in the conversation's room when; nobody for a conversation no join or start was recorded for. */
    public RoomPresence presenceIn(String conversationId) {
        Document conversation = store.find(ModelCollection.of(ReadModel.PARTICIPATION,
                                                              ParticipationProjection.CONVERSATIONS), conversationId);
        return conversation == null ? RoomPresence.nobody() : RoomPresence.of(conversation);
    }

    /**
     * When each round of a session was closed (rounds never closed are absent), for views that end an open stay with
     * its round; empty for an unknown session.
     */
    public Map<Integer, Instant> roundsClosedAt(String agendaId) {
        Document session = store.find(ModelCollection.of(ReadModel.PARTICIPATION, ParticipationProjection.SESSIONS), agendaId);
        Map<Integer, Instant> closed = new java.util.TreeMap<>();
        if (session != null) {
            for (Document round : org.consultationtracker.query.readmodel.Docs.documents(session, "rounds")) {
                Instant at = org.consultationtracker.query.readmodel.Docs.instant(round, "closedAt");
                if (at != null && round.getInteger("round") != null) {
                    closed.put(round.getInteger("round"), at);
                }
            }
        }
        return closed;
    }

    @QueryHandler
    public ParticipationView.Session handle(FindSessionParticipation query) {
        if (query.asOf() != null) {
            InMemoryDocumentSession past = history.replayUntil(query.asOf(), query.basis(),
                                                                      List.of(projection, directoryProjection));
            Document session = past.collection(ParticipationProjection.SESSIONS).get(query.agendaId());
            if (session == null) {
                throw new UnknownId("session as of " + query.asOf(), query.agendaId());
            }
            Map<String, Document> conversations = past.findAll(ParticipationProjection.CONVERSATIONS,
                                                               strings(session, "conversationIds"));
            ParticipationViews views = new ParticipationViews(
                    properties, ids -> ParticipantDirectory.resolve(ids, past::findAll),
                    ids -> ParticipantDirectory.groupNames(ids, past::findAll), words::say);
            return views.session(session, new ArrayList<>(conversations.values()), query.asOf());
        }
        Document session = store.find(ModelCollection.of(ReadModel.PARTICIPATION, ParticipationProjection.SESSIONS), query.agendaId());
        if (session == null) {
            throw new UnknownId("session", query.agendaId());
        }
        Map<String, Document> conversations = store.findAll(ModelCollection.of(ReadModel.PARTICIPATION, ParticipationProjection.CONVERSATIONS),
                                                            strings(session, "conversationIds"));
        return liveViews().session(session, new ArrayList<>(conversations.values()), null);
    }
}
