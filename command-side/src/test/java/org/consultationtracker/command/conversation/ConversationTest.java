package org.consultationtracker.command.conversation;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.consultationtracker.command.ActionNotPermitted;
import org.consultationtracker.command.CorrectionRefused;
import org.consultationtracker.command.UnknownRecord;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.InMemoryLookupStore;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.command.lookup.Timetable;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointMoved;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.conversation.PlenarySummaryRecorded;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class ConversationTest {

    private static final Instant STARTED = Instant.parse("2021-06-12T10:00:00Z");
    private static final Instant SAID = Instant.parse("2021-06-12T10:20:00Z");
    private static final Instant TYPED_UP_LATER = Instant.parse("2021-06-13T18:00:00Z");
    private static final Wording CLEAR = Wording.plain("Reduce caseloads to a manageable level");
    private static final Wording ANAS_WORDS =
            Wording.encrypted(new EncryptedValue("ana/words", "aXY=", "c2VjcmV0"));

    private FixtureConfiguration<Conversation> fixture;
    private Timetable timetable;
    private ParticipantDirectory participants;
    private InMemoryLookupStore lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryLookupStore();
        timetable = new Timetable(lookup);
        participants = new ParticipantDirectory(lookup);
        for (String id : List.of("ana", "ben", "cat", "erin")) {
            lookup.apply(new ParticipantRegistered(id, "c-1", id, List.of("foster-carers"), AgeBand.NOT_SAID,
                    null, null, null, STARTED));
        }
        lookup.apply(new ParticipantErased("erin", ContributionPolicy.WITHDRAW_WORDS,
                ErasureRequester.THE_PARTICIPANT, "asked in the app", null, STARTED));
        lookup.apply(new ConversationScheduled("create", "conv-1", 1, "room-1", List.of("ana", "erin"), Wording.plain("Q1"), STARTED));
        lookup.apply(new ConversationScheduled("create", "conv-2", 1, "room-2", List.of("ben"), Wording.plain("Q2"), STARTED));
        lookup.apply(new RoundOpened("create", 1, STARTED));
        fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource(timetable);
        fixture.registerInjectableResource(participants);
        fixture.registerInjectableResource(new CitableRecords(lookup));
        fixture.registerInjectableResource(new ConsultationDirectory(lookup));
    }

    private TestExecutor<Conversation> givenStarted(Object... events) {
        List<Object> history = new ArrayList<>();
        history.add(new ConversationStarted("conv-1", "create", 1, "room-1", "ana", STARTED));
        history.addAll(Arrays.asList(events));
        return fixture.given(history);
    }

    private void closeRoundOne() {
        lookup.apply(new RoundClosed("create", 1, SAID));
    }

    private static KeyPointRecorded recorded(String keyPointId, String attributedTo, Wording text, String recordedBy) {
        return new KeyPointRecorded("conv-1", keyPointId, KeyPointKind.RECOMMENDATION, text, true, attributedTo,
                recordedBy, SAID);
    }

    @Nested
    class Starting {

        @Test
        void theHostStartsAScheduledConversationOfAnOpenRound() {
            fixture.givenNoPriorActivity()
                    .when(new StartConversation("conv-1", "ana", STARTED))
                    .expectEvents(new ConversationStarted("conv-1", "create", 1, "room-1", "ana", STARTED));
        }

        @Test
        void anUnscheduledConversationCannotStart() {
            fixture.givenNoPriorActivity()
                    .when(new StartConversation("conv-9", "ana", STARTED))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("conversation conv-9 is not scheduled");
        }

        @Test
        void aConversationCannotStartBeforeItsRoundOpens() {
            lookup.apply(new ConversationScheduled("create", "conv-3", 2, "room-1", List.of("cat"), Wording.plain("Q3"), STARTED));
            fixture.givenNoPriorActivity()
                    .when(new StartConversation("conv-3", "cat", STARTED))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("round 2 is not open (NOT_OPENED)");
        }

        @Test
        void onlyOneOfItsHostsStartsAConversation() {
            fixture.givenNoPriorActivity()
                    .when(new StartConversation("conv-1", "cat", STARTED))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("cat is not a host of conversation conv-1");
        }

        @Test
        void anErasedHostCannotStartIt() {
            fixture.givenNoPriorActivity()
                    .when(new StartConversation("conv-1", "erin", STARTED))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("participant erin has been erased and can do nothing more");
        }

        @Test
        void aHostAlreadyInAnotherRoomCannotStartIt() {
            lookup.apply(new ConversationStarted("conv-2", "create", 1, "room-2", "ben", STARTED));
            lookup.apply(new ParticipantJoinedConversation("conv-2", "create", 1, "ana", null, STARTED));
            fixture.givenNoPriorActivity()
                    .when(new StartConversation("conv-1", "ana", STARTED))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("ana is in conversation conv-2 in this round; a participant is in one room at a time");
        }
    }

    @Nested
    class Attendance {

        @Test
        void aParticipantJoinsWhileTheRoundIsOpen() {
            givenStarted()
                    .when(new JoinConversation("conv-1", "cat", null, SAID))
                    .expectEvents(new ParticipantJoinedConversation("conv-1", "create", 1, "cat", null, SAID));
        }

        @Test
        void joiningRecordsTheRoomTheParticipantMovedFrom() {
            givenStarted()
                    .when(new JoinConversation("conv-1", "cat", "conv-2", SAID))
                    .expectEvents(new ParticipantJoinedConversation("conv-1", "create", 1, "cat", "conv-2", SAID));
        }

        @Test
        void nobodyJoinsOnceTheRoundHasClosed() {
            closeRoundOne();
            givenStarted()
                    .when(new JoinConversation("conv-1", "cat", null, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("round 1 is not open (CLOSED)");
        }

        @Test
        void anUnregisteredPersonCannotJoin() {
            givenStarted()
                    .when(new JoinConversation("conv-1", "stranger", null, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("no participant stranger is registered");
        }

        @Test
        void anErasedParticipantCannotJoin() {
            givenStarted()
                    .when(new JoinConversation("conv-1", "erin", null, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("participant erin has been erased and can do nothing more");
        }

        @Test
        void joiningTwiceIsRejected() {
            givenStarted(new ParticipantJoinedConversation("conv-1", "create", 1, "cat", null, SAID))
                    .when(new JoinConversation("conv-1", "cat", null, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("cat is already in this conversation");
        }

        @Test
        void aParticipantIsInOneRoomAtATimeWithinARound() {
            lookup.apply(new ConversationStarted("conv-2", "create", 1, "room-2", "ben", STARTED));
            lookup.apply(new ParticipantJoinedConversation("conv-2", "create", 1, "cat", null, STARTED));
            givenStarted()
                    .when(new JoinConversation("conv-1", "cat", null, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("cat is in conversation conv-2 in this round; a participant is in one room at a time");
        }

        @Test
        void aParticipantWhoLeftAnotherRoomMayJoin() {
            lookup.apply(new ConversationStarted("conv-2", "create", 1, "room-2", "ben", STARTED));
            lookup.apply(new ParticipantJoinedConversation("conv-2", "create", 1, "cat", null, STARTED));
            lookup.apply(new ParticipantLeftConversation("conv-2", "create", 1, "cat", "conv-1", SAID));
            givenStarted()
                    .when(new JoinConversation("conv-1", "cat", "conv-2", SAID))
                    .expectEvents(new ParticipantJoinedConversation("conv-1", "create", 1, "cat", "conv-2", SAID));
        }

        @Test
        void aParticipantMovingFromAnotherRoomInTheSameUnitOfWorkMayJoinBeforeTheTimetableShowsTheLeave() {
            lookup.apply(new ConversationStarted("conv-2", "create", 1, "room-2", "ben", STARTED));
            lookup.apply(new ParticipantJoinedConversation("conv-2", "create", 1, "cat", null, STARTED));
            givenStarted()
                    .when(new JoinConversation("conv-1", "cat", "conv-2", SAID))
                    .expectEvents(new ParticipantJoinedConversation("conv-1", "create", 1, "cat", "conv-2", SAID));
        }

        @Test
        void movingFromOneRoomDoesNotExcuseBeingInAThird() {
            lookup.apply(new ConversationStarted("conv-2", "create", 1, "room-2", "ben", STARTED));
            lookup.apply(new ParticipantJoinedConversation("conv-2", "create", 1, "cat", null, STARTED));
            givenStarted()
                    .when(new JoinConversation("conv-1", "cat", "conv-3", SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("cat is in conversation conv-2 in this round; a participant is in one room at a time");
        }

        @Test
        void aParticipantLeavesTheRoomTheyAreIn() {
            givenStarted(new ParticipantJoinedConversation("conv-1", "create", 1, "cat", null, SAID))
                    .when(new LeaveConversation("conv-1", "cat", "conv-2", SAID))
                    .expectEvents(new ParticipantLeftConversation("conv-1", "create", 1, "cat", "conv-2", SAID));
        }

        @Test
        void leavingARoomOneIsNotInIsRejected() {
            givenStarted()
                    .when(new LeaveConversation("conv-1", "cat", null, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("cat is not in this conversation");
        }
    }

    @Nested
    class KeyPoints {

        @Test
        void anAnonymousKeyPointIsRecordedInClear() {
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.RECOMMENDATION, CLEAR, true, null, "notetaker", SAID))
                    .expectEvents(recorded("kp-1", null, CLEAR, "notetaker"));
        }

        @Test
        void anAttributedKeyPointCarriesTheSpeakersEncryptedWords() {
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.RECOMMENDATION, ANAS_WORDS, true, "ana", "notetaker", SAID))
                    .expectEvents(recorded("kp-1", "ana", ANAS_WORDS, "notetaker"));
        }

        @Test
        void aKeyPointTypedUpAfterTheRoundClosedIsAcceptedWithTheTimeItWasSaid() {
            closeRoundOne();
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.PROBLEM, CLEAR, false, null, "notetaker", SAID))
                    .expectEvents(new KeyPointRecorded("conv-1", "kp-1", KeyPointKind.PROBLEM, CLEAR, false, null,
                            "notetaker", SAID));
        }

        @Test
        void keyPointsOnlyForAStartedConversation() {
            fixture.givenNoPriorActivity()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.PROBLEM, CLEAR, false, null, "notetaker", SAID))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aKeyPointIdIsUsedOnce() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.PROBLEM, CLEAR, false, null, "notetaker", SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("key point kp-1 is already recorded");
        }

        @Test
        void aKeyPointCannotHaveBeenSaidBeforeTheConversationStarted() {
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.PROBLEM, CLEAR, false, null, "notetaker",
                            STARTED.minusSeconds(1)))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("a key point cannot have been said at 2021-06-12T09:59:59Z, before the conversation started at 2021-06-12T10:00:00Z");
        }

        @Test
        void wordsCannotBeAttributedToAnErasedParticipant() {
            Wording erinsWords = Wording.encrypted(new EncryptedValue("erin/words", "aXY=", "eA=="));
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.PROBLEM, erinsWords, true, "erin", "notetaker", SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("participant erin has been erased and can do nothing more");
        }

        @Test
        void attributedWordsInClearAreRejected() {
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.PROBLEM, CLEAR, true, "ana", "notetaker", SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("words attributed to ana must be encrypted with their words key");
        }

        @Test
        void wordsEncryptedWithSomebodyElsesKeyAreRejected() {
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.PROBLEM, ANAS_WORDS, true, "cat", "notetaker", SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("words attributed to cat must be encrypted with their words key");
        }

        @Test
        void anonymousWordsAreKeptInClear() {
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.PROBLEM, ANAS_WORDS, true, null, "notetaker", SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("unattributed words are kept in clear");
        }
    }

    @Nested
    class EditsAndRetractions {

        private final Wording clearer = Wording.plain("Cap caseloads at a level that allows relationships");

        @Test
        void theNoteTakerEditsAKeyPointForClarityWithAReason() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(new EditKeyPoint("conv-1", "kp-1", clearer, "clarity", "notetaker", true, TYPED_UP_LATER))
                    .expectEvents(new KeyPointEdited("conv-1", "kp-1", clearer, "clarity", "notetaker", TYPED_UP_LATER));
        }

        @Test
        void aParticipantEditsAKeyPointTheyRecorded() {
            givenStarted(recorded("kp-1", null, CLEAR, "participant-user"))
                    .when(new EditKeyPoint("conv-1", "kp-1", clearer, "typo", "participant-user", false, TYPED_UP_LATER))
                    .expectEvents(new KeyPointEdited("conv-1", "kp-1", clearer, "typo", "participant-user", TYPED_UP_LATER));
        }

        @Test
        void aParticipantCannotEditSomebodyElsesKeyPoint() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(new EditKeyPoint("conv-1", "kp-1", clearer, "mine now", "participant-user", false, TYPED_UP_LATER))
                    .expectException(ActionNotPermitted.class)
                    .expectExceptionMessage("a participant may edit only the key points they recorded; kp-1 was recorded by somebody else");
        }

        @Test
        void editingAnUnknownKeyPointIsRejected() {
            givenStarted()
                    .when(new EditKeyPoint("conv-1", "kp-9", clearer, "clarity", "notetaker", true, TYPED_UP_LATER))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("this conversation has no key point kp-9");
        }

        @Test
        void editingARetractedKeyPointIsRejected() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"),
                    new KeyPointRetracted("conv-1", "kp-1", "duplicate", "notetaker", SAID))
                    .when(new EditKeyPoint("conv-1", "kp-1", clearer, "clarity", "notetaker", true, TYPED_UP_LATER))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("key point kp-1 has been retracted");
        }

        @Test
        void anEditOfAttributedWordsStaysEncrypted() {
            givenStarted(recorded("kp-1", "ana", ANAS_WORDS, "notetaker"))
                    .when(new EditKeyPoint("conv-1", "kp-1", clearer, "clarity", "notetaker", true, TYPED_UP_LATER))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("words attributed to ana must be encrypted with their words key");
        }

        @Test
        void aKeyPointIsRetractedWithAReason() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(new RetractKeyPoint("conv-1", "kp-1", "recorded in the wrong room", "facilitator", TYPED_UP_LATER))
                    .expectEvents(new KeyPointRetracted("conv-1", "kp-1", "recorded in the wrong room", "facilitator", TYPED_UP_LATER));
        }

        @Test
        void retractingAnUnknownKeyPointIsRejected() {
            givenStarted()
                    .when(new RetractKeyPoint("conv-1", "kp-9", "reason", "facilitator", TYPED_UP_LATER))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("this conversation has no key point kp-9");
        }

        @Test
        void retractingTwiceIsRejected() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"),
                    new KeyPointRetracted("conv-1", "kp-1", "duplicate", "notetaker", SAID))
                    .when(new RetractKeyPoint("conv-1", "kp-1", "again", "facilitator", TYPED_UP_LATER))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("key point kp-1 has been retracted");
        }
    }

    @Nested
    class SummaryAndPlenary {

        @Test
        void theSummaryCitesTheConversationsKeyPoints() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(new SummariseConversation("conv-1", "Caseloads must fall", List.of("kp-1"), "notetaker", TYPED_UP_LATER))
                    .expectEvents(new ConversationSummarised("conv-1", "Caseloads must fall", List.of("kp-1"), "notetaker", TYPED_UP_LATER));
        }

        @Test
        void aSummaryCannotCiteAKeyPointOfAnotherConversation() {
            givenStarted()
                    .when(new SummariseConversation("conv-1", "Summary", List.of("kp-elsewhere"), "notetaker", TYPED_UP_LATER))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("this conversation has no key point kp-elsewhere");
        }

        @Test
        void aSummaryCannotCiteARetractedKeyPoint() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"),
                    new KeyPointRetracted("conv-1", "kp-1", "duplicate", "notetaker", SAID))
                    .when(new SummariseConversation("conv-1", "Summary", List.of("kp-1"), "notetaker", TYPED_UP_LATER))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("key point kp-1 has been retracted");
        }

        @Test
        void thePlenarySummaryIsRecordedAfterTheRound() {
            closeRoundOne();
            givenStarted()
                    .when(new RecordPlenarySummary("conv-1", "We want caseload caps", "ana", TYPED_UP_LATER))
                    .expectEvents(new PlenarySummaryRecorded("conv-1", "create", 1, "We want caseload caps", "ana", TYPED_UP_LATER));
        }

        @Test
        void thePlenarySummaryWaitsForTheRoundToClose() {
            givenStarted()
                    .when(new RecordPlenarySummary("conv-1", "Too early", "ana", SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("the plenary follows the round, and round 1 has not closed");
        }

        @Test
        void anErasedParticipantCannotPresentThePlenarySummary() {
            closeRoundOne();
            givenStarted()
                    .when(new RecordPlenarySummary("conv-1", "Summary", "erin", TYPED_UP_LATER))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("participant erin has been erased and can do nothing more");
        }

        @Test
        void aPlenaryContributionIsRecordedWithItsAuthorsEncryptedWords() {
            closeRoundOne();
            givenStarted()
                    .when(new RecordPlenaryContribution("conv-1", "chat-1", "ana", ANAS_WORDS, TYPED_UP_LATER))
                    .expectEvents(new PlenaryContributionRecorded("conv-1", "chat-1", "ana", ANAS_WORDS, TYPED_UP_LATER));
        }

        @Test
        void plenaryContributionsWaitForTheRoundToClose() {
            givenStarted()
                    .when(new RecordPlenaryContribution("conv-1", "chat-1", null, CLEAR, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("the plenary follows the round, and round 1 has not closed");
        }

        @Test
        void aPlenaryContributionIdIsUsedOnce() {
            closeRoundOne();
            givenStarted(new PlenaryContributionRecorded("conv-1", "chat-1", null, CLEAR, SAID))
                    .when(new RecordPlenaryContribution("conv-1", "chat-1", null, CLEAR, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("contribution chat-1 is already recorded");
        }

        @Test
        void anErasedParticipantCannotContributeToThePlenary() {
            closeRoundOne();
            givenStarted()
                    .when(new RecordPlenaryContribution("conv-1", "chat-1", "erin",
                            Wording.encrypted(new EncryptedValue("erin/words", "aXY=", "eA==")), SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("participant erin has been erased and can do nothing more");
        }

        @Test
        void aNamedPlenaryContributionInClearIsRejected() {
            closeRoundOne();
            givenStarted()
                    .when(new RecordPlenaryContribution("conv-1", "chat-1", "ana", CLEAR, SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("words attributed to ana must be encrypted with their words key");
        }
    }

    @Nested
    class SpeakerNotInTheRoom {

        @Test
        void aKeyPointOfSomebodyInTheRoomCarriesNoWarning() {
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.RECOMMENDATION, ANAS_WORDS, true, "ana", "notetaker", SAID))
                    .expectEvents(recorded("kp-1", "ana", ANAS_WORDS, "notetaker"))
                    .expectResultMessagePayload(List.of());
        }

        @Test
        void aSpeakerWhoNeverJoinedIsRecordedWithAWarning() {
            Wording bensWords = Wording.encrypted(new EncryptedValue("ben/words", "aXY=", "eA=="));
            givenStarted()
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.RECOMMENDATION, bensWords, true, "ben", "notetaker", SAID))
                    .expectEvents(recorded("kp-1", "ben", bensWords, "notetaker"))
                    .expectResultMessagePayload(List.of("ben was not in the room of conversation conv-1 at "
                            + "2021-06-12T10:20:00Z (no join covers that time, or they had left); the key point is "
                            + "recorded and shown as a discrepancy"));
        }

        @Test
        void aSpeakerWhoHadLeftIsRecordedWithAWarningAndOneWhoWasInIsNot() {
            Wording bensWords = Wording.encrypted(new EncryptedValue("ben/words", "aXY=", "eA=="));
            Object joined = new ParticipantJoinedConversation("conv-1", "create", 1, "ben", null, STARTED.plusSeconds(60));
            Object left = new ParticipantLeftConversation("conv-1", "create", 1, "ben", null, STARTED.plusSeconds(600));
            givenStarted(joined, left)
                    .when(new RecordKeyPoint("conv-1", "kp-1", KeyPointKind.RECOMMENDATION, bensWords, true, "ben", "notetaker", SAID))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayloadMatching(org.hamcrest.Matchers.hasSize(1));
            givenStarted(joined, left)
                    .when(new RecordKeyPoint("conv-1", "kp-2", KeyPointKind.RECOMMENDATION, bensWords, true, "ben", "notetaker",
                            STARTED.plusSeconds(300)))
                    .expectResultMessagePayload(List.of());
        }
    }

    @Nested
    class MovingAKeyPoint {

        @BeforeEach
        void twoConsultations() {
            lookup.apply(new SessionScheduled("c-1", "create", SessionKind.OPEN_SPACE, "Create", STARTED,
                    STARTED.plusSeconds(7200), STARTED));
            lookup.apply(new SessionScheduled("c-2", "elsewhere", SessionKind.OPEN_SPACE, "Elsewhere", STARTED,
                    STARTED.plusSeconds(7200), STARTED));
            lookup.apply(new ConversationStarted("conv-1", "create", 1, "room-1", "ana", STARTED));
            lookup.apply(new ConversationStarted("conv-2", "create", 1, "room-2", "ben", STARTED));
            lookup.apply(new ConversationStarted("conv-x", "elsewhere", 1, "room-1", "cat", STARTED));
            lookup.apply(recorded("kp-1", null, CLEAR, "notetaker"));
        }

        private MoveKeyPoint move(String keyPointId, String to) {
            return new MoveKeyPoint("conv-1", keyPointId, to, "filed under the wrong room", "facilitator", TYPED_UP_LATER);
        }

        @Test
        void aKeyPointMovesToAnotherConversationOfTheConsultation() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(move("kp-1", "conv-2"))
                    .expectEvents(new KeyPointMoved("conv-1", "kp-1", "conv-2", "filed under the wrong room",
                            "facilitator", TYPED_UP_LATER));
        }

        @Test
        void aRetractedKeyPointIsNotMoved() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"),
                    new KeyPointRetracted("conv-1", "kp-1", "duplicate", "notetaker", SAID))
                    .when(move("kp-1", "conv-2"))
                    .expectException(CorrectionRefused.class)
                    .expectExceptionMessage("key point kp-1 has been retracted; a retracted point stays where it was recorded");
        }

        @Test
        void aKeyPointDoesNotMoveToAnotherConsultation() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(move("kp-1", "conv-x"))
                    .expectException(CorrectionRefused.class)
                    .expectExceptionMessage("conversation conv-x belongs to another consultation; a key point moves only between conversations of one consultation");
        }

        @Test
        void unknownKeyPointsAndConversationsAreNotFound() {
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(move("kp-9", "conv-2"))
                    .expectException(UnknownRecord.class)
                    .expectExceptionMessage("conversation conv-1 has no key point kp-9");
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"))
                    .when(move("kp-1", "conv-9"))
                    .expectException(UnknownRecord.class);
        }

        @Test
        void theConversationItLeftRefusesItAfterwards() {
            lookup.apply(new KeyPointMoved("conv-1", "kp-1", "conv-2", "wrong room", "facilitator", SAID));
            givenStarted(recorded("kp-1", null, CLEAR, "notetaker"),
                    new KeyPointMoved("conv-1", "kp-1", "conv-2", "wrong room", "facilitator", SAID))
                    .when(new RetractKeyPoint("conv-1", "kp-1", "duplicate", "notetaker", SAID))
                    .expectException(ConversationRuleViolation.class)
                    .expectExceptionMessage("key point kp-1 was moved to conversation conv-2");
        }

        @Test
        void theConversationItMovedToHoldsItWithItsRecorder() {
            lookup.apply(new KeyPointMoved("conv-1", "kp-1", "conv-2", "wrong room", "facilitator", SAID));
            fixture.given(new ConversationStarted("conv-2", "create", 1, "room-2", "ben", STARTED))
                    .when(new EditKeyPoint("conv-2", "kp-1", CLEAR, "typo", "notetaker", false, TYPED_UP_LATER))
                    .expectEvents(new KeyPointEdited("conv-2", "kp-1", CLEAR, "typo", "notetaker", TYPED_UP_LATER));
            fixture.given(new ConversationStarted("conv-2", "create", 1, "room-2", "ben", STARTED))
                    .when(new SummariseConversation("conv-2", "Summary", List.of("kp-1"), "notetaker", TYPED_UP_LATER))
                    .expectSuccessfulHandlerExecution();
        }
    }
}
