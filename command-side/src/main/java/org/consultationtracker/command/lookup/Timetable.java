package org.consultationtracker.command.lookup;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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
@ProcessingGroup(LookupConfiguration.PROCESSING_GROUP)
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

    @EventHandler
    public void on(ConversationScheduled event) {
        store.merge(conversationKey(event.conversationId()), new Document("agendaId", event.agendaId())
                .append("round", event.round()).append("room", event.room()).append("hostIds", event.hostIds())
                .append("started", false));
    }

    @EventHandler
    public void on(ConversationMoved event) {
        store.merge(conversationKey(event.conversationId()),
                new Document("round", event.toRound()).append("room", event.toRoom()));
    }

    /** Only unscheduled proposals or conversations whose round never opened can be withdrawn; their slot goes. */
    @EventHandler
    public void on(ProposalWithdrawn event) {
        store.delete(conversationKey(event.proposalId()));
    }

    @EventHandler
    public void on(RoundOpened event) {
        store.merge(roundKey(event.agendaId(), event.round()), new Document("status", RoundStatus.OPEN.name()));
    }

    @EventHandler
    public void on(RoundClosed event) {
        store.merge(roundKey(event.agendaId(), event.round()), new Document("status", RoundStatus.CLOSED.name()));
    }

    @EventHandler
    public void on(ConversationStarted event) {
        store.merge(conversationKey(event.conversationId()), new Document("started", true));
        store.merge(whereaboutsKey(event.agendaId(), event.round(), event.hostId()),
                new Document("conversationId", event.conversationId()));
    }

    @EventHandler
    public void on(ParticipantJoinedConversation event) {
        store.merge(whereaboutsKey(event.agendaId(), event.round(), event.participantId()),
                new Document("conversationId", event.conversationId()));
    }

    @EventHandler
    public void on(ParticipantLeftConversation event) {
        String key = whereaboutsKey(event.agendaId(), event.round(), event.participantId());
        // Only forget the room they left: a late "left" must not erase a newer "joined" elsewhere.
        if (store.find(key).map(d -> event.conversationId().equals(d.getString("conversationId"))).orElse(false)) {
            store.delete(key);
        }
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
}
