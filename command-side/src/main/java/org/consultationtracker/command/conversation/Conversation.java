package org.consultationtracker.command.conversation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.consultationtracker.command.ActionNotPermitted;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.command.lookup.Timetable;
import org.consultationtracker.command.lookup.Timetable.RoundStatus;
import org.consultationtracker.command.lookup.Timetable.Slot;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.conversation.PlenarySummaryRecorded;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One conversation of an Open Space round, from the moment its host starts it: who is in the room, the key points
 * recorded (with every edit and retraction), its summary and what the plenary heard about it. It learns its slot from
 * the {@link Timetable} when it starts, and asks the timetable whether its round is open, because rounds belong to the
 * agenda.
 */
@Aggregate(cache = "conversationCache")
class Conversation {

    @AggregateIdentifier
    private String conversationId;
    private String agendaId;
    private int round;
    private Instant startedAt;
    private final Set<String> present = new HashSet<>();
    private final Map<String, RecordedKeyPoint> keyPoints = new HashMap<>();
    private final Set<String> contributionIds = new HashSet<>();

    Conversation() {
        // for Axon
    }

    @CommandHandler
    Conversation(StartConversation command, Timetable timetable, ParticipantDirectory participants) {
        Slot slot = timetable.slotOf(command.conversationId()).orElseThrow(() -> new ConversationRuleViolation(
                "conversation " + command.conversationId() + " is not scheduled"));
        requireRoundOpen(timetable, slot.agendaId(), slot.round());
        if (!slot.hostIds().contains(command.hostId())) {
            throw new ConversationRuleViolation(command.hostId() + " is not a host of conversation "
                    + command.conversationId());
        }
        requireCanAct(participants, command.hostId());
        requireNowhereElse(timetable, slot.agendaId(), slot.round(), command.hostId(), command.conversationId(), null);
        apply(new ConversationStarted(command.conversationId(), slot.agendaId(), slot.round(), slot.room(),
                command.hostId(), command.occurredAt()));
    }

    @CommandHandler
    void handle(JoinConversation command, Timetable timetable, ParticipantDirectory participants) {
        requireRoundOpen(timetable, agendaId, round);
        requireCanAct(participants, command.participantId());
        if (present.contains(command.participantId())) {
            throw new ConversationRuleViolation(command.participantId() + " is already in this conversation");
        }
        // A move leaves the other room in the same unit of work, whose events the timetable does not show yet.
        requireNowhereElse(timetable, agendaId, round, command.participantId(), conversationId,
                command.movedFromConversationId());
        apply(new ParticipantJoinedConversation(conversationId, agendaId, round, command.participantId(),
                command.movedFromConversationId(), command.occurredAt()));
    }

    @CommandHandler
    void handle(LeaveConversation command) {
        if (!present.contains(command.participantId())) {
            throw new ConversationRuleViolation(command.participantId() + " is not in this conversation");
        }
        apply(new ParticipantLeftConversation(conversationId, agendaId, round, command.participantId(),
                command.movedToConversationId(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RecordKeyPoint command, ParticipantDirectory participants) {
        if (keyPoints.containsKey(command.keyPointId())) {
            throw new ConversationRuleViolation("key point " + command.keyPointId() + " is already recorded");
        }
        if (command.occurredAt().isBefore(startedAt)) {
            throw new ConversationRuleViolation("a key point cannot have been said at " + command.occurredAt()
                    + ", before the conversation started at " + startedAt);
        }
        if (command.attributedTo() != null) {
            requireCanAct(participants, command.attributedTo());
        }
        requireWordingFits(command.attributedTo(), command.text());
        apply(new KeyPointRecorded(conversationId, command.keyPointId(), command.kind(), command.text(),
                command.verbatim(), command.attributedTo(), command.recordedBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(EditKeyPoint command) {
        RecordedKeyPoint keyPoint = requireLiveKeyPoint(command.keyPointId());
        if (!command.mayEditOthers() && !keyPoint.recordedBy().equals(command.editedBy())) {
            throw new ActionNotPermitted("a participant may edit only the key points they recorded; "
                    + command.keyPointId() + " was recorded by somebody else");
        }
        requireWordingFits(keyPoint.attributedTo(), command.text());
        apply(new KeyPointEdited(conversationId, command.keyPointId(), command.text(), command.reason(),
                command.editedBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RetractKeyPoint command) {
        requireLiveKeyPoint(command.keyPointId());
        apply(new KeyPointRetracted(conversationId, command.keyPointId(), command.reason(), command.retractedBy(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(SummariseConversation command) {
        command.citedKeyPointIds().forEach(this::requireLiveKeyPoint);
        apply(new ConversationSummarised(conversationId, command.summary(), command.citedKeyPointIds(),
                command.summarisedBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RecordPlenarySummary command, Timetable timetable, ParticipantDirectory participants) {
        requireRoundClosed(timetable);
        if (command.presentedBy() != null) {
            requireCanAct(participants, command.presentedBy());
        }
        apply(new PlenarySummaryRecorded(conversationId, agendaId, round, command.summary(), command.presentedBy(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(RecordPlenaryContribution command, Timetable timetable, ParticipantDirectory participants) {
        requireRoundClosed(timetable);
        if (contributionIds.contains(command.contributionId())) {
            throw new ConversationRuleViolation("contribution " + command.contributionId() + " is already recorded");
        }
        if (command.contributorId() != null) {
            requireCanAct(participants, command.contributorId());
        }
        requireWordingFits(command.contributorId(), command.text());
        apply(new PlenaryContributionRecorded(conversationId, command.contributionId(), command.contributorId(),
                command.text(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(ConversationStarted event) {
        conversationId = event.conversationId();
        agendaId = event.agendaId();
        round = event.round();
        startedAt = event.occurredAt();
        present.add(event.hostId());
    }

    @EventSourcingHandler
    void on(ParticipantJoinedConversation event) {
        present.add(event.participantId());
    }

    @EventSourcingHandler
    void on(ParticipantLeftConversation event) {
        present.remove(event.participantId());
    }

    @EventSourcingHandler
    void on(KeyPointRecorded event) {
        keyPoints.put(event.keyPointId(), new RecordedKeyPoint(event.attributedTo(), event.recordedBy(), false));
    }

    @EventSourcingHandler
    void on(KeyPointRetracted event) {
        keyPoints.computeIfPresent(event.keyPointId(), (id, keyPoint) -> keyPoint.retracted());
    }

    @EventSourcingHandler
    void on(PlenaryContributionRecorded event) {
        contributionIds.add(event.contributionId());
    }

    private RecordedKeyPoint requireLiveKeyPoint(String keyPointId) {
        RecordedKeyPoint keyPoint = keyPoints.get(keyPointId);
        if (keyPoint == null) {
            throw new ConversationRuleViolation("this conversation has no key point " + keyPointId);
        }
        if (keyPoint.isRetracted()) {
            throw new ConversationRuleViolation("key point " + keyPointId + " has been retracted");
        }
        return keyPoint;
    }

    private static void requireRoundOpen(Timetable timetable, String agendaId, int round) {
        RoundStatus status = timetable.roundStatus(agendaId, round);
        if (status != RoundStatus.OPEN) {
            throw new ConversationRuleViolation("round " + round + " is not open (" + status + ")");
        }
    }

    private void requireRoundClosed(Timetable timetable) {
        if (timetable.roundStatus(agendaId, round) != RoundStatus.CLOSED) {
            throw new ConversationRuleViolation("the plenary follows the round, and round " + round
                    + " has not closed");
        }
    }

    private static void requireCanAct(ParticipantDirectory participants, String participantId) {
        String whyNot = participants.whyCannotAct(participantId);
        if (whyNot != null) {
            throw new ConversationRuleViolation(whyNot);
        }
    }

    private static void requireNowhereElse(Timetable timetable, String agendaId, int round, String participantId,
                                           String conversationId, String leavingConversationId) {
        timetable.whereabouts(agendaId, round, participantId)
                .filter(elsewhere -> !elsewhere.equals(conversationId) && !elsewhere.equals(leavingConversationId))
                .ifPresent(elsewhere -> {
                    throw new ConversationRuleViolation(participantId + " is in conversation " + elsewhere
                            + " in this round; a participant is in one room at a time");
                });
    }

    private static void requireWordingFits(String attributedTo, Wording text) {
        if (!WordsProtection.fits(attributedTo, text)) {
            throw new ConversationRuleViolation(attributedTo == null
                    ? "unattributed words are kept in clear"
                    : "words attributed to " + attributedTo + " must be encrypted with their words key");
        }
    }

    private record RecordedKeyPoint(String attributedTo, String recordedBy, boolean isRetracted) {

        RecordedKeyPoint retracted() {
            return new RecordedKeyPoint(attributedTo, recordedBy, true);
        }
    }
}
