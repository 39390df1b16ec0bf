package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.consultationtracker.events.agenda.ConversationMoved;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * What the agendas decided that conversations must obey: each conversation's slot and hosts, whether a round is
 * open, and which room each participant is in during a round.
 */
@Component
public class Timetable {

    public enum RoundStatus { NOT_OPENED, OPEN, CLOSED }

    private final LookupStore store;

    public Timetable(LookupStore store) {
        this.store = store;
    }

    public Optional<Slot> slotOf(String conversationId) {
        return store.find(conversationKey(conversationId)).map(d -> new Slot(
                d.getString("agendaId"), d.getInteger("round"), d.getString("room"),
                d.getList("hostIds", String.class), d.getBoolean("started", false)));
    }

    public RoundStatus roundStatus(String agendaId, int round) {
        return store.find(roundKey(agendaId, round))
                .map(d -> RoundStatus.valueOf(d.getString("status")))
                .orElse(RoundStatus.NOT_OPENED);
    }

    /** The conversation the participant is in during this round, if any. */
    public Optional<String> whereabouts(String agendaId, int round, String participantId) {
        return store.find(whereaboutsKey(agendaId, round, participantId)).map(d -> d.getString("conversationId"));
    }

    private static String conversationKey(String conversationId) {
        return "conversation:" + conversationId;
    }

    private static String roundKey(String agendaId, int round) {
        return "round:" + agendaId + ":" + round;
    }

    private static String whereaboutsKey(String agendaId, int round, String participantId) {
        return "whereabouts:" + agendaId + ":" + round + ":" + participantId;
    }

    /** Where and when a conversation takes place, and who may host it. */
    public record Slot(String agendaId, int round, String room, List<String> hostIds, boolean started) {
    }

    /** How the timetable follows the events; applied in position order by {@link LookupCatchUp}. */
    static final class Projection {

        private final LookupStore store;

        Projection(LookupStore store) {
            this.store = store;
        }

        @EventHandler
        void on(ConversationScheduled event, TrackingToken token) {
            store.merge(conversationKey(event.conversationId()), new Document("agendaId", event.agendaId())
                    .append("round", event.round()).append("room", event.room()).append("hostIds", event.hostIds())
                    .append("started", false), EventPosition.of(token));
        }

        @EventHandler
        void on(ConversationMoved event, TrackingToken token) {
            store.merge(conversationKey(event.conversationId()),
                    new Document("round", event.toRound()).append("room", event.toRoom()), EventPosition.of(token));
        }

        /** Only unscheduled proposals or conversations whose round never opened can be withdrawn; their slot goes. */
        @EventHandler
        void on(ProposalWithdrawn event, TrackingToken token) {
            store.delete(conversationKey(event.proposalId()), EventPosition.of(token));
        }

        @EventHandler
        void on(RoundOpened event, TrackingToken token) {
            store.merge(roundKey(event.agendaId(), event.round()), new Document("status", RoundStatus.OPEN.name()),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(RoundClosed event, TrackingToken token) {
            store.merge(roundKey(event.agendaId(), event.round()), new Document("status", RoundStatus.CLOSED.name()),
                    EventPosition.of(token));
        }

        @EventHandler
        void on(ConversationStarted event, TrackingToken token) {
            long position = EventPosition.of(token);
            store.merge(conversationKey(event.conversationId()), new Document("started", true), position);
            store.merge(whereaboutsKey(event.agendaId(), event.round(), event.hostId()),
                    new Document("conversationId", event.conversationId()), position);
        }

        @EventHandler
        void on(ParticipantJoinedConversation event, TrackingToken token) {
            store.merge(whereaboutsKey(event.agendaId(), event.round(), event.participantId()),
                    new Document("conversationId", event.conversationId()), EventPosition.of(token));
        }

        /**
         * Only forget the room they left: a late "left" must not erase a newer "joined" elsewhere. The read and the
         * delete need no lock: the delete applies only while the entry holds no later event, and every earlier event
         * is applied before this one.
         */
        @EventHandler
        void on(ParticipantLeftConversation event, TrackingToken token) {
            String key = whereaboutsKey(event.agendaId(), event.round(), event.participantId());
            if (store.find(key).map(d -> event.conversationId().equals(d.getString("conversationId"))).orElse(false)) {
                store.delete(key, EventPosition.of(token));
            }
        }
    }
}
