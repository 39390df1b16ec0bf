package org.consultationtracker.command.conversation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.consultationtracker.command.ActionNotPermitted;
import org.consultationtracker.command.CorrectionRefused;
import org.consultationtracker.command.UnknownRecord;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.command.lookup.Timetable;
import org.consultationtracker.command.lookup.Timetable.RoundStatus;
import org.consultationtracker.command.lookup.Timetable.Slot;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointMoved;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.conversation.PlenarySummaryRecorded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One conversation of an Open Space round, from the moment its host starts it: who is in the room, the key points
 * recorded (with every edit and retraction), its summary and what the plenary heard about it. It learns its slot from
 * the {@link Timetable} when it starts, and asks the timetable whether its round is open, because rounds belong to the
 * agenda.
 * <p>
 * A key point belongs to one conversation at a time. It is recorded here, or moved here from another conversation
 * ({@link KeyPointMoved}, stored in the stream of the conversation it left, which judged the move). The conversation it
 * left refuses every later command about it; this one learns it holds it from {@link CitableRecords}, which takes the
 * move in before any later command is judged. So every command about a key point is judged by exactly one aggregate,
 * which Axon serialises: two moves of one key point, or a move racing an edit, cannot both pass.
 */
@Aggregate(cache = "conversationCache")
class Conversation {

    @AggregateIdentifier
    private String conversationId;
    private String agendaId;
    private int round;
    private Instant startedAt;
    private final Set<String> present = new HashSet<>();
    /** Each participant's stays in this room (from, to; to null while still in), to tell who was in at a time. */
    private final Map<String, List<Stay>> stays = new HashMap<>();
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

    /**
     * Recorded even when the speaker was not in the room at the time said (no stay here covers {@code occurredAt}):
     * notes are often typed up later and joins forgotten, so it is a warning in the answer, not a refusal. The read
     * side shows the same check as a discrepancy, from the same joins and departures.
     *
     * @return the warnings, empty when there are none
     */
    @CommandHandler
    List<String> handle(RecordKeyPoint command, ParticipantDirectory participants) {
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
        if (command.attributedTo() != null && !wasInTheRoom(command.attributedTo(), command.occurredAt())) {
            return List.of(command.attributedTo() + " was not in the room of conversation " + conversationId + " at "
                    + command.occurredAt() + " (no join covers that time, or they had left); the key point is "
                    + "recorded and shown as a discrepancy");
        }
        return List.of();
    }

    /** Moves a key point filed here by mistake to the conversation it belongs to, with the reason. */
    @CommandHandler
    void handle(MoveKeyPoint command, CitableRecords records, ConsultationDirectory consultations) {
        RecordedKeyPoint keyPoint = heldKeyPoint(command.keyPointId(), records);
        if (keyPoint == null) {
            throw new UnknownRecord(movedAway(command.keyPointId()) != null
                    ? "key point " + command.keyPointId() + " was moved to conversation "
                    + movedAway(command.keyPointId()) + "; move it from there"
                    : "conversation " + conversationId + " has no key point " + command.keyPointId());
        }
        if (keyPoint.isRetracted()) {
            throw new CorrectionRefused("key point " + command.keyPointId() + " has been retracted; a retracted "
                    + "point stays where it was recorded");
        }
        if (conversationId.equals(command.toConversationId())) {
            throw new CorrectionRefused("key point " + command.keyPointId() + " is already in conversation "
                    + conversationId);
        }
        String targetAgenda = records.agendaOfConversation(command.toConversationId()).orElseThrow(() ->
                new UnknownRecord("there is no conversation " + command.toConversationId()
                        + " that has started (key points are only held by conversations that took place)"));
        String here = consultationOf(consultations, agendaId);
        String there = consultationOf(consultations, targetAgenda);
        if (here == null || !here.equals(there)) {
            throw new CorrectionRefused("conversation " + command.toConversationId() + " belongs to another "
                    + "consultation; a key point moves only between conversations of one consultation");
        }
        apply(new KeyPointMoved(conversationId, command.keyPointId(), command.toConversationId(), command.reason(),
                command.movedBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(EditKeyPoint command, CitableRecords records) {
        RecordedKeyPoint keyPoint = requireLiveKeyPoint(command.keyPointId(), records);
        if (!command.mayEditOthers() && !command.editedBy().equals(keyPoint.recordedBy())) {
            throw new ActionNotPermitted("a participant may edit only the key points they recorded; "
                    + command.keyPointId() + " was recorded by somebody else");
        }
        requireWordingFits(keyPoint.attributedTo(), command.text());
        apply(new KeyPointEdited(conversationId, command.keyPointId(), command.text(), command.reason(),
                command.editedBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RetractKeyPoint command, CitableRecords records) {
        requireLiveKeyPoint(command.keyPointId(), records);
        apply(new KeyPointRetracted(conversationId, command.keyPointId(), command.reason(), command.retractedBy(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(SummariseConversation command, CitableRecords records) {
        command.citedKeyPointIds().forEach(keyPointId -> requireLiveKeyPoint(keyPointId, records));
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
        arrive(event.hostId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(ParticipantJoinedConversation event) {
        present.add(event.participantId());
        arrive(event.participantId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(ParticipantLeftConversation event) {
        present.remove(event.participantId());
        List<Stay> theirs = stays.getOrDefault(event.participantId(), List.of());
        for (int i = theirs.size() - 1; i >= 0; i--) {
            if (theirs.get(i).to() == null) {
                theirs.set(i, new Stay(theirs.get(i).from(), event.occurredAt()));
                break;
            }
        }
    }

    @EventSourcingHandler
    void on(KeyPointRecorded event) {
        keyPoints.put(event.keyPointId(), new RecordedKeyPoint(event.attributedTo(), event.recordedBy(), false,
                null));
    }

    /** It left: from now on the target conversation holds it (see the class comment). */
    @EventSourcingHandler
    void on(KeyPointMoved event) {
        RecordedKeyPoint keyPoint = keyPoints.get(event.keyPointId());
        keyPoints.put(event.keyPointId(), keyPoint == null
                ? new RecordedKeyPoint(null, null, false, event.toConversationId())
                : keyPoint.movedTo(event.toConversationId()));
    }

    @EventSourcingHandler
    void on(KeyPointRetracted event) {
        keyPoints.computeIfPresent(event.keyPointId(), (id, keyPoint) -> keyPoint.retracted());
    }

    @EventSourcingHandler
    void on(PlenaryContributionRecorded event) {
        contributionIds.add(event.contributionId());
    }

    private void arrive(String participantId, Instant at) {
        stays.computeIfAbsent(participantId, id -> new ArrayList<>()).add(new Stay(at, null));
    }

    /** Whether one of the participant's stays here covers the moment (its ends included). */
    private boolean wasInTheRoom(String participantId, Instant at) {
        return stays.getOrDefault(participantId, List.of()).stream()
                .anyMatch(stay -> !at.isBefore(stay.from()) && (stay.to() == null || !at.isAfter(stay.to())));
    }

    /**
     * The key point as this conversation holds it now: recorded here and not moved away, or moved here from another
     * conversation (known from the lookup, which has taken in every stored event before this command); null when this
     * conversation does not hold it.
     */
    private RecordedKeyPoint heldKeyPoint(String keyPointId, CitableRecords records) {
        RecordedKeyPoint own = keyPoints.get(keyPointId);
        if (own != null && own.movedTo() == null) {
            return own;
        }
        return records.keyPoint(keyPointId)
                .filter(recorded -> conversationId.equals(recorded.conversationId()))
                .map(recorded -> new RecordedKeyPoint(recorded.attributedTo(), recorded.recordedBy(),
                        recorded.retracted(), null))
                .orElse(null);
    }

    private String movedAway(String keyPointId) {
        RecordedKeyPoint own = keyPoints.get(keyPointId);
        return own == null ? null : own.movedTo();
    }

    private static String consultationOf(ConsultationDirectory consultations, String agendaId) {
        return agendaId == null ? null
                : consultations.session(agendaId).map(ConsultationDirectory.ScheduledSession::consultationId)
                        .orElse(null);
    }

    private RecordedKeyPoint requireLiveKeyPoint(String keyPointId, CitableRecords records) {
        RecordedKeyPoint keyPoint = heldKeyPoint(keyPointId, records);
        if (keyPoint == null) {
            throw new ConversationRuleViolation(movedAway(keyPointId) != null
                    ? "key point " + keyPointId + " was moved to conversation " + movedAway(keyPointId)
                    : "this conversation has no key point " + keyPointId);
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

    /** @param movedTo where it was moved, once it left this conversation; null while here */
    private record RecordedKeyPoint(String attributedTo, String recordedBy, boolean isRetracted, String movedTo) {

        RecordedKeyPoint retracted() {
            return new RecordedKeyPoint(attributedTo, recordedBy, true, movedTo);
        }

        RecordedKeyPoint movedTo(String conversationId) {
            return new RecordedKeyPoint(attributedTo, recordedBy, isRetracted, conversationId);
        }
    }

    private record Stay(Instant from, Instant to) {
    }
}
