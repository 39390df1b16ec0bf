package org.consultationtracker.command.agenda;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.consultationtracker.command.CorrectionRefused;
import org.consultationtracker.command.UnknownRecord;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.InMemoryLookupStore;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationMoved;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.AgendaAnnounced;
import org.consultationtracker.events.agenda.FramingQuestionPosed;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalClarified;
import org.consultationtracker.events.agenda.ProposalPitched;
import org.consultationtracker.events.agenda.ProposalSplit;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.agenda.MergeReversed;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.agenda.SplitPart;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
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

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class AgendaTest {

    private static final Instant AT = Instant.parse("2021-06-12T09:00:00Z");
    private static final String FRAMING = "What is the one solution-focused conversation that could change children's social care?";
    private static final List<GridRound> THREE_ROUNDS = List.of(
            new GridRound(1, Instant.parse("2021-06-12T10:00:00Z"), Instant.parse("2021-06-12T10:45:00Z")),
            new GridRound(2, Instant.parse("2021-06-12T11:15:00Z"), Instant.parse("2021-06-12T12:00:00Z")),
            new GridRound(3, Instant.parse("2021-06-12T13:00:00Z"), Instant.parse("2021-06-12T13:45:00Z")));
    private static final List<String> ROOMS = List.of("room-1", "room-2");

    private FixtureConfiguration<Agenda> fixture;
    private ConsultationDirectory consultations;
    private ParticipantDirectory participants;
    private InMemoryLookupStore lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryLookupStore();
        consultations = new ConsultationDirectory(lookup);
        participants = new ParticipantDirectory(lookup);
        lookup.apply(new SessionScheduled("c-1", "create", SessionKind.OPEN_SPACE, "Create", AT, AT.plusSeconds(21600), AT));
        lookup.apply(new SessionScheduled("c-1", "explore", SessionKind.EXPLORE, "Explore", AT, AT.plusSeconds(7200), AT));
        for (String id : List.of("ana", "ben", "cat")) {
            lookup.apply(new ParticipantRegistered(id, "c-1", id, List.of("foster-carers"), AgeBand.NOT_SAID, null,
                    null, null, AT));
        }
        fixture = new AggregateTestFixture<>(Agenda.class);
        fixture.registerInjectableResource(consultations);
        fixture.registerInjectableResource(participants);
        // A vault that seals deterministically, so expected events can be written out; the real one is tested in
        // ParticipantKeyVaultTest.
        ParticipantKeyVault vault = mock(ParticipantKeyVault.class);
        when(vault.encrypt(anyString(), anyString())).thenAnswer(call -> new EncryptedValue(call.getArgument(0),
                "iv", "sealed:" + call.getArgument(1)));
        fixture.registerInjectableResource(new WordsProtection(vault));
    }

    /** Words of a participant as the agenda writes them: under their words key. */
    private static Wording said(String participantId, String text) {
        return Wording.encrypted(new EncryptedValue(participantId + "/words", "iv", "sealed:" + text));
    }

    private TestExecutor<Agenda> given(Object... events) {
        List<Object> history = new ArrayList<>();
        history.add(new FramingQuestionPosed("create", "c-1", FRAMING, AT));
        history.add(new GridDefined("create", THREE_ROUNDS, ROOMS, AT));
        history.addAll(Arrays.asList(events));
        return fixture.given(history);
    }

    private static ConversationProposed proposed(String id, String proposer) {
        return new ConversationProposed("create", id, proposer, said(proposer, "Question " + id),
                said(proposer, "Pitch " + id), AT);
    }

    /** A first-hand proposal scheduled: its first host proposed it, so the question is in their words. */
    private static ConversationScheduled scheduled(String id, int round, String room, String... hosts) {
        return new ConversationScheduled("create", id, round, room, List.of(hosts), said(hosts[0], "Question " + id),
                AT);
    }

    @Nested
    class FramingQuestion {

        @Test
        void posingItOpensTheAgendaOfAnOpenSpaceSession() {
            fixture.givenNoPriorActivity()
                    .when(new PoseFramingQuestion("create", FRAMING, AT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new FramingQuestionPosed("create", "c-1", FRAMING, AT));
        }

        @Test
        void posingItAgainRewordsIt() {
            fixture.given(new FramingQuestionPosed("create", "c-1", "first wording", AT))
                    .when(new PoseFramingQuestion("create", FRAMING, AT))
                    .expectEvents(new FramingQuestionPosed("create", "c-1", FRAMING, AT));
        }

        @Test
        void anUnscheduledSessionHasNoAgenda() {
            fixture.givenNoPriorActivity()
                    .when(new PoseFramingQuestion("nowhere", FRAMING, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("no session nowhere is scheduled");
        }

        @Test
        void onlyOpenSpaceSessionsHaveAnAgenda() {
            fixture.givenNoPriorActivity()
                    .when(new PoseFramingQuestion("explore", FRAMING, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("session explore is a EXPLORE session; only Open Space sessions have an agenda");
        }
    }

    @Nested
    class Announcement {

        private static final String WRITTEN = "participants created an agenda of 42 conversations";

        @Test
        void whatTheReportAnnouncedIsRecordedAsWritten() {
            given(proposed("p-1", "ana"))
                    .when(new AnnounceAgenda("create", 42, List.of(15, 15, 14), WRITTEN, "report", AT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AgendaAnnounced("create", 42, List.of(15, 15, 14), WRITTEN, "report", AT));
        }

        @Test
        void aTotalAloneOrRoundsAloneWillDo() {
            given().when(new AnnounceAgenda("create", null, List.of(15, 15, 14), WRITTEN, "report", AT))
                    .expectEvents(new AgendaAnnounced("create", null, List.of(15, 15, 14), WRITTEN, "report", AT));
            given().when(new AnnounceAgenda("create", 42, null, WRITTEN, "report", AT))
                    .expectEvents(new AgendaAnnounced("create", 42, List.of(), WRITTEN, "report", AT));
        }

        @Test
        void negativeCountsAreRejected() {
            given().when(new AnnounceAgenda("create", -1, List.of(), WRITTEN, "report", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("an announced number of conversations cannot be negative");
            given().when(new AnnounceAgenda("create", 42, List.of(15, -2), WRITTEN, "report", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("every announced number of conversations per round must be 0 or more");
        }

        @Test
        void anAnnouncementNeedsANumberItsWordsAndItsSource() {
            given().when(new AnnounceAgenda("create", null, List.of(), WRITTEN, "report", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("an announcement needs a number of conversations or numbers per round");
            given().when(new AnnounceAgenda("create", 42, List.of(), " ", "report", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("an announcement needs its words as written and its source");
        }

        @Test
        void thereIsNothingToAnnounceBeforeTheFramingQuestion() {
            fixture.givenNoPriorActivity()
                    .when(new AnnounceAgenda("create", 42, List.of(), WRITTEN, "report", AT))
                    .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
        }
    }

    @Nested
    class Grid {

        @Test
        void definingTheGridRecordsRoundsAndRooms() {
            fixture.given(new FramingQuestionPosed("create", "c-1", FRAMING, AT))
                    .when(new DefineGrid("create", THREE_ROUNDS, ROOMS, AT))
                    .expectEvents(new GridDefined("create", THREE_ROUNDS, ROOMS, AT));
        }

        @Test
        void theGridCannotChangeOnceARoundHasOpened() {
            given(new RoundOpened("create", 1, AT))
                    .when(new DefineGrid("create", THREE_ROUNDS, List.of("room-1"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("the grid cannot change once a round has opened");
        }

        @Test
        void roundsMustBeNumberedInOrder() {
            given().when(new DefineGrid("create", List.of(THREE_ROUNDS.get(1)), ROOMS, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("rounds must be numbered 1, 2, 3… in order; found 2 in place 1");
        }

        @Test
        void aRoundMustEndAfterItStarts() {
            GridRound backwards = new GridRound(1, THREE_ROUNDS.get(0).endsAt(), THREE_ROUNDS.get(0).startsAt());
            given().when(new DefineGrid("create", List.of(backwards), ROOMS, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 1 must end after it starts");
        }

        @Test
        void roundsMustNotOverlap() {
            GridRound early = new GridRound(2, Instant.parse("2021-06-12T10:30:00Z"), Instant.parse("2021-06-12T11:00:00Z"));
            given().when(new DefineGrid("create", List.of(THREE_ROUNDS.get(0), early), ROOMS, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 2 starts before round 1 ends");
        }

        @Test
        void roomsNeedDistinctNames() {
            given().when(new DefineGrid("create", THREE_ROUNDS, List.of("room-1", "room-1"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("every room of the grid needs its own name");
        }

        @Test
        void aNewGridMustStillHoldEveryScheduledConversation() {
            given(proposed("p-1", "ana"), scheduled("p-1", 3, "room-2", "ana"))
                    .when(new DefineGrid("create", THREE_ROUNDS.subList(0, 2), ROOMS, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("conversation p-1 is scheduled in round 3, room room-2, which the new grid does not have; move it first");
        }
    }

    @Nested
    class Proposing {

        @Test
        void aParticipantProposesAConversation() {
            given().when(new ProposeConversation("create", "p-1", "ana", "Question p-1", "Pitch p-1", AT))
                    .expectEvents(proposed("p-1", "ana"));
        }

        @Test
        void aProposalWithoutAPitchHasNone() {
            given().when(new ProposeConversation("create", "p-1", "ana", "Question p-1", null, AT))
                    .expectEvents(new ConversationProposed("create", "p-1", "ana", said("ana", "Question p-1"), null,
                            AT));
        }

        @Test
        void aProposalIdCanBeUsedOnlyOnce() {
            given(proposed("p-1", "ana"))
                    .when(new ProposeConversation("create", "p-1", "ben", "Another", "Pitch", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal id p-1 is already used on this agenda");
        }

        @Test
        void anUnregisteredPersonCannotPropose() {
            given().when(new ProposeConversation("create", "p-1", "stranger", "Question", "Pitch", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("no participant stranger is registered");
        }

        @Test
        void anErasedParticipantCannotPropose() {
            lookup.apply(new ParticipantErased("ana", ContributionPolicy.WITHDRAW_WORDS,
                    ErasureRequester.THE_PARTICIPANT, "asked in the app", null, AT));
            given().when(new ProposeConversation("create", "p-1", "ana", "Question", "Pitch", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("participant ana has been erased and can do nothing more");
        }

        @Test
        void theProposerPitchesTheirProposal() {
            given(proposed("p-1", "ana"))
                    .when(new PitchProposal("create", "p-1", "It matters because…", AT))
                    .expectEvents(new ProposalPitched("create", "p-1", said("ana", "It matters because…"), AT));
        }

        @Test
        void aMergedProposalIsPitchedInTheGroupsWordsInClear() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), new ProposalsMerged("create", "m-1",
                    List.of("p-1", "p-2"), "Merged", "R", List.of("ana", "ben"), List.of("ana", "ben"), AT))
                    .when(new PitchProposal("create", "m-1", "Both of us care", AT))
                    .expectEvents(new ProposalPitched("create", "m-1", Wording.plain("Both of us care"), AT));
        }

        @Test
        void pitchingAnUnknownProposalIsRejected() {
            given().when(new PitchProposal("create", "p-9", "Pitch", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("there is no proposal p-9 on this agenda");
        }

        @Test
        void pitchingAWithdrawnProposalIsRejected() {
            given(proposed("p-1", "ana"), new ProposalWithdrawn("create", "p-1", "changed my mind", AT))
                    .when(new PitchProposal("create", "p-1", "Pitch", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-1 has been withdrawn");
        }
    }

    @Nested
    class Merging {

        @Test
        void mergingMakesOneConversationHostedByEveryProposer() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"))
                    .when(new MergeProposals("create", "m-1", List.of("p-1", "p-2"), "Merged question", "Same topic",
                            List.of("ana", "ben"), AT))
                    .expectEvents(new ProposalsMerged("create", "m-1", List.of("p-1", "p-2"), "Merged question",
                            "Same topic", List.of("ana", "ben"), List.of("ana", "ben"), AT));
        }

        @Test
        void aProposalCannotBeMergedIntoItself() {
            given(proposed("p-1", "ana"))
                    .when(new MergeProposals("create", "m-1", List.of("p-1", "p-1"), "Q", "R", List.of("ana"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("a proposal cannot be merged into itself: each source proposal may be named only once");
        }

        @Test
        void aMergeNeedsAtLeastTwoProposals() {
            given(proposed("p-1", "ana"))
                    .when(new MergeProposals("create", "m-1", List.of("p-1"), "Q", "R", List.of("ana"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("a merge needs at least two proposals");
        }

        @Test
        void theMergedProposalNeedsANewId() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"))
                    .when(new MergeProposals("create", "p-2", List.of("p-1", "p-2"), "Q", "R", List.of("ana", "ben"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal id p-2 is already used on this agenda");
        }

        @Test
        void aProposalAlreadyMergedCannotBeMergedAgain() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), proposed("p-3", "cat"),
                    new ProposalsMerged("create", "m-1", List.of("p-1", "p-2"), "Q", "R", List.of("ana", "ben"),
                            List.of("ana", "ben"), AT))
                    .when(new MergeProposals("create", "m-2", List.of("p-1", "p-3"), "Q", "R", List.of("ana", "cat"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-1 has been merged");
        }

        @Test
        void aWithdrawnProposalCannotBeMerged() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), new ProposalWithdrawn("create", "p-2", "gone", AT))
                    .when(new MergeProposals("create", "m-1", List.of("p-1", "p-2"), "Q", "R", List.of("ana", "ben"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-2 has been withdrawn");
        }

        @Test
        void anUnknownProposalCannotBeMerged() {
            given(proposed("p-1", "ana"))
                    .when(new MergeProposals("create", "m-1", List.of("p-1", "p-9"), "Q", "R", List.of("ana"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("there is no proposal p-9 on this agenda");
        }

        @Test
        void aScheduledProposalCannotBeMerged() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), scheduled("p-2", 1, "room-1", "ben"))
                    .when(new MergeProposals("create", "m-1", List.of("p-1", "p-2"), "Q", "R", List.of("ana", "ben"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-2 is already scheduled in round 1, room room-1; withdraw it from its slot before merging");
        }

        @Test
        void everyHostMustAgreeToAMerge() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"))
                    .when(new MergeProposals("create", "m-1", List.of("p-1", "p-2"), "Q", "R", List.of("ana"), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("a merge needs the agreement of every host; ben has not agreed");
        }
    }

    @Nested
    class ReversingAMerge {

        private ProposalsMerged merged() {
            return new ProposalsMerged("create", "m-1", List.of("p-1", "p-2"), "Q", "R", List.of("ana", "ben"),
                    List.of("ana", "ben"), AT);
        }

        @Test
        void aReversedMergeBringsTheSourcesBackUnderTheirOwnIds() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), merged())
                    .when(new ReverseMerge("create", "m-1", "they were different questions", "facilitator", AT))
                    .expectEvents(new MergeReversed("create", "m-1", List.of("p-1", "p-2"),
                            "they were different questions", "facilitator", AT));
        }

        @Test
        void theSourcesOfAReversedMergeCanBeScheduledAndTheMergedProposalCannot() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), merged(),
                    new MergeReversed("create", "m-1", List.of("p-1", "p-2"), "different", "facilitator", AT))
                    .when(new ScheduleConversation("create", "p-1", 1, "room-1", AT))
                    .expectEvents(new ConversationScheduled("create", "p-1", 1, "room-1", List.of("ana"),
                            said("ana", "Question p-1"), AT));
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), merged(),
                    new MergeReversed("create", "m-1", List.of("p-1", "p-2"), "different", "facilitator", AT))
                    .when(new ScheduleConversation("create", "m-1", 1, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal m-1 has been taken off the agenda: its merge was reversed");
        }

        @Test
        void anUnknownMergeIsNotFound() {
            given(proposed("p-1", "ana"))
                    .when(new ReverseMerge("create", "p-1", "why", "facilitator", AT))
                    .expectException(UnknownRecord.class)
                    .expectExceptionMessage("there is no merge p-1 on agenda create");
        }

        @Test
        void aScheduledMergedProposalCannotBeReversed() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), merged(), scheduled("m-1", 1, "room-1", "ana"))
                    .when(new ReverseMerge("create", "m-1", "why", "facilitator", AT))
                    .expectException(CorrectionRefused.class)
                    .expectExceptionMessage("the merged proposal m-1 is scheduled in round 1, room room-1; "
                            + "withdraw it from its slot before reversing the merge");
        }

        @Test
        void aMergedProposalMergedAgainCannotBeReversed() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), proposed("p-3", "cat"), merged(),
                    new ProposalsMerged("create", "m-2", List.of("m-1", "p-3"), "Q2", "R2",
                            List.of("ana", "ben", "cat"), List.of("ana", "ben", "cat"), AT))
                    .when(new ReverseMerge("create", "m-1", "why", "facilitator", AT))
                    .expectException(CorrectionRefused.class)
                    .expectExceptionMessage("the merged proposal m-1 has since been merged into another; reverse "
                            + "that merge first, so its merge cannot be reversed");
        }

        @Test
        void aMergeIsReversedOnce() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), merged(),
                    new MergeReversed("create", "m-1", List.of("p-1", "p-2"), "different", "facilitator", AT))
                    .when(new ReverseMerge("create", "m-1", "again", "facilitator", AT))
                    .expectException(CorrectionRefused.class)
                    .expectExceptionMessage("the merge m-1 has already been reversed");
        }
    }

    @Nested
    class ClarifyingAndSplitting {

        @Test
        void clarifyingRewordsAProposalAndKeepsItApart() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"))
                    .when(new ClarifyProposal("create", "p-2", "p-1", "Not the same: about kinship carers", AT))
                    .expectEvents(new ProposalClarified("create", "p-2", "p-1",
                            said("ben", "Not the same: about kinship carers"), AT));
        }

        @Test
        void aProposalCannotBeToldApartFromItself() {
            given(proposed("p-1", "ana"))
                    .when(new ClarifyProposal("create", "p-1", "p-1", "Q", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("a proposal cannot be told apart from itself");
        }

        @Test
        void clarifyingAgainstAnUnknownProposalIsRejected() {
            given(proposed("p-1", "ana"))
                    .when(new ClarifyProposal("create", "p-1", "p-9", "Q", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("there is no proposal p-9 on this agenda");
        }

        @Test
        void aMergedProposalCannotBeClarified() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), new ProposalsMerged("create", "m-1",
                    List.of("p-1", "p-2"), "Q", "R", List.of("ana", "ben"), List.of("ana", "ben"), AT))
                    .when(new ClarifyProposal("create", "p-1", "p-2", "Q", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-1 has been merged");
        }

        @Test
        void splittingMakesSeveralProposalsWithTheSameHostsWhenThePartsNameNone() {
            List<SplitPart> parts = List.of(new SplitPart("p-1a", "Part A", List.of()), new SplitPart("p-1b", "Part B", null));
            given(proposed("p-1", "ana"))
                    .when(new SplitProposal("create", "p-1", parts, AT))
                    .expectEvents(new ProposalSplit("create", "p-1", List.of(new SplitPart("p-1a", "Part A",
                            List.of("ana")), new SplitPart("p-1b", "Part B", List.of("ana"))), List.of("ana"), AT));
        }

        @Test
        void eachSplitPartIsHostedByTheHostsItNames() {
            List<SplitPart> parts = List.of(new SplitPart("p-1a", "Part A", List.of("ana")),
                    new SplitPart("p-1b", "Part B", List.of("ben", "cat")));
            given(proposed("p-1", "ana"))
                    .when(new SplitProposal("create", "p-1", parts, AT))
                    .expectEvents(new ProposalSplit("create", "p-1", parts, List.of("ana"), AT));
        }

        @Test
        void aSplitPartHostedByAParticipantHostsTheScheduledPart() {
            List<SplitPart> parts = List.of(new SplitPart("p-1a", "Part A", List.of("ana")),
                    new SplitPart("p-1b", "Part B", List.of("ben")));
            given(proposed("p-1", "ana"), new ProposalSplit("create", "p-1", parts, List.of("ana"), AT))
                    .when(new ScheduleConversation("create", "p-1b", 1, "room-2", AT))
                    .expectEvents(new ConversationScheduled("create", "p-1b", 1, "room-2", List.of("ben"),
                            Wording.plain("Part B"), AT));
        }

        @Test
        void aSplitPartCannotBeHostedByAnUnknownParticipant() {
            given(proposed("p-1", "ana"))
                    .when(new SplitProposal("create", "p-1", List.of(new SplitPart("a", "A", List.of("ana")),
                            new SplitPart("b", "B", List.of("zed"))), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("split part b: no participant zed is registered");
        }

        @Test
        void aScheduledProposalCannotBeSplit() {
            given(proposed("p-1", "ana"), scheduled("p-1", 1, "room-1", "ana"))
                    .when(new SplitProposal("create", "p-1", List.of(new SplitPart("a", "A", List.of()), new SplitPart("b", "B", List.of())), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-1 is already scheduled in round 1, room room-1; only unscheduled proposals can be split");
        }

        @Test
        void aSplitNeedsAtLeastTwoParts() {
            given(proposed("p-1", "ana"))
                    .when(new SplitProposal("create", "p-1", List.of(new SplitPart("a", "A", List.of())), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("a split needs at least two parts");
        }

        @Test
        void splitPartsNeedDistinctIds() {
            given(proposed("p-1", "ana"))
                    .when(new SplitProposal("create", "p-1", List.of(new SplitPart("a", "A", List.of()), new SplitPart("a", "B", List.of())), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("split part a is named twice");
        }

        @Test
        void splitPartsNeedUnusedIds() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"))
                    .when(new SplitProposal("create", "p-1", List.of(new SplitPart("a", "A", List.of()), new SplitPart("p-2", "B", List.of())), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal id p-2 is already used on this agenda");
        }

        @Test
        void aSplitProposalCannotBeSplitAgain() {
            List<SplitPart> parts = List.of(new SplitPart("p-1a", "Part A", List.of()), new SplitPart("p-1b", "Part B", List.of()));
            given(proposed("p-1", "ana"), new ProposalSplit("create", "p-1", parts, List.of("ana"), AT))
                    .when(new SplitProposal("create", "p-1", List.of(new SplitPart("x", "X", List.of()), new SplitPart("y", "Y", List.of())), AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-1 has been split");
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void aProposalCanBeWithdrawn() {
            given(proposed("p-1", "ana"))
                    .when(new WithdrawProposal("create", "p-1", "host unwell", AT))
                    .expectEvents(new ProposalWithdrawn("create", "p-1", "host unwell", AT));
        }

        @Test
        void aScheduledConversationCanBeWithdrawnBeforeItsRoundOpens() {
            given(proposed("p-1", "ana"), scheduled("p-1", 2, "room-1", "ana"), new RoundOpened("create", 1, AT))
                    .when(new WithdrawProposal("create", "p-1", "host unwell", AT))
                    .expectEvents(new ProposalWithdrawn("create", "p-1", "host unwell", AT));
        }

        @Test
        void aProposalCannotBeWithdrawnTwice() {
            given(proposed("p-1", "ana"), new ProposalWithdrawn("create", "p-1", "first", AT))
                    .when(new WithdrawProposal("create", "p-1", "second", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-1 has been withdrawn");
        }

        @Test
        void aConversationWhoseRoundOpenedCannotBeWithdrawn() {
            given(proposed("p-1", "ana"), scheduled("p-1", 1, "room-1", "ana"), new RoundOpened("create", 1, AT))
                    .when(new WithdrawProposal("create", "p-1", "too late", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("conversation p-1 is in round 1, which has already opened");
        }
    }

    @Nested
    class Scheduling {

        @Test
        void schedulingPutsTheProposalInASlotWithItsHosts() {
            given(proposed("p-1", "ana"))
                    .when(new ScheduleConversation("create", "p-1", 1, "room-2", AT))
                    .expectEvents(scheduled("p-1", 1, "room-2", "ana"));
        }

        @Test
        void aMergedConversationIsScheduledWithTheMergedQuestionAndAllHosts() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), new ProposalsMerged("create", "m-1",
                    List.of("p-1", "p-2"), "Merged", "R", List.of("ana", "ben"), List.of("ana", "ben"), AT))
                    .when(new ScheduleConversation("create", "m-1", 1, "room-1", AT))
                    .expectEvents(new ConversationScheduled("create", "m-1", 1, "room-1", List.of("ana", "ben"),
                            Wording.plain("Merged"), AT));
        }

        @Test
        void aClarifiedProposalIsScheduledWithItsNewWording() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), new ProposalClarified("create", "p-2", "p-1",
                    said("ben", "Clarified"), AT))
                    .when(new ScheduleConversation("create", "p-2", 1, "room-1", AT))
                    .expectEvents(new ConversationScheduled("create", "p-2", 1, "room-1", List.of("ben"),
                            said("ben", "Clarified"), AT));
        }

        @Test
        void aConversationIsScheduledOnlyOnce() {
            given(proposed("p-1", "ana"), scheduled("p-1", 1, "room-1", "ana"))
                    .when(new ScheduleConversation("create", "p-1", 2, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("conversation p-1 is already scheduled in round 1, room room-1; move it instead");
        }

        @Test
        void nothingIsScheduledBeforeTheGridIsDefined() {
            fixture.given(new FramingQuestionPosed("create", "c-1", FRAMING, AT), proposed("p-1", "ana"))
                    .when(new ScheduleConversation("create", "p-1", 1, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("the grid is not defined yet");
        }

        @Test
        void aRoundOutsideTheGridIsRejected() {
            given(proposed("p-1", "ana"))
                    .when(new ScheduleConversation("create", "p-1", 4, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 4, room room-1 is outside the grid");
        }

        @Test
        void aRoomOutsideTheGridIsRejected() {
            given(proposed("p-1", "ana"))
                    .when(new ScheduleConversation("create", "p-1", 1, "room-16", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 1, room room-16 is outside the grid");
        }

        @Test
        void oneConversationPerSlot() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), scheduled("p-1", 1, "room-1", "ana"))
                    .when(new ScheduleConversation("create", "p-2", 1, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 1, room room-1 already holds conversation p-1");
        }

        @Test
        void nothingIsScheduledIntoAClosedRound() {
            given(proposed("p-1", "ana"), new RoundOpened("create", 1, AT), new RoundClosed("create", 1, AT))
                    .when(new ScheduleConversation("create", "p-1", 1, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 1 has already closed");
        }

        @Test
        void aMergedProposalCannotBeScheduled() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), new ProposalsMerged("create", "m-1",
                    List.of("p-1", "p-2"), "Q", "R", List.of("ana", "ben"), List.of("ana", "ben"), AT))
                    .when(new ScheduleConversation("create", "p-1", 1, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("proposal p-1 has been merged");
        }

        @Test
        void aWithdrawnConversationFreesItsSlot() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), scheduled("p-1", 1, "room-1", "ana"),
                    new ProposalWithdrawn("create", "p-1", "gone", AT))
                    .when(new ScheduleConversation("create", "p-2", 1, "room-1", AT))
                    .expectEvents(scheduled("p-2", 1, "room-1", "ben"));
        }
    }

    @Nested
    class Moving {

        @Test
        void aConversationMovesToAFreeSlot() {
            given(proposed("p-1", "ana"), scheduled("p-1", 1, "room-1", "ana"))
                    .when(new MoveConversation("create", "p-1", 2, "room-2", AT))
                    .expectEvents(new ConversationMoved("create", "p-1", 1, "room-1", 2, "room-2", AT));
        }

        @Test
        void anUnscheduledProposalCannotMove() {
            given(proposed("p-1", "ana"))
                    .when(new MoveConversation("create", "p-1", 2, "room-2", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("conversation p-1 is not scheduled");
        }

        @Test
        void anUnknownConversationCannotMove() {
            given().when(new MoveConversation("create", "p-9", 2, "room-2", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("there is no proposal p-9 on this agenda");
        }

        @Test
        void movingToItsOwnSlotIsRejected() {
            given(proposed("p-1", "ana"), scheduled("p-1", 1, "room-1", "ana"))
                    .when(new MoveConversation("create", "p-1", 1, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("conversation p-1 is already in round 1, room room-1");
        }

        @Test
        void movingIntoAnOccupiedSlotIsRejected() {
            given(proposed("p-1", "ana"), proposed("p-2", "ben"), scheduled("p-1", 1, "room-1", "ana"),
                    scheduled("p-2", 2, "room-1", "ben"))
                    .when(new MoveConversation("create", "p-1", 2, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 2, room room-1 already holds conversation p-2");
        }

        @Test
        void movingOutsideTheGridIsRejected() {
            given(proposed("p-1", "ana"), scheduled("p-1", 1, "room-1", "ana"))
                    .when(new MoveConversation("create", "p-1", 1, "room-9", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 1, room room-9 is outside the grid");
        }

        @Test
        void aConversationWhoseRoundOpenedCannotMove() {
            given(proposed("p-1", "ana"), scheduled("p-1", 1, "room-1", "ana"), new RoundOpened("create", 1, AT))
                    .when(new MoveConversation("create", "p-1", 2, "room-1", AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 1 has already opened; conversations move only between rounds that have not");
        }
    }

    @Nested
    class Rounds {

        @Test
        void openingARoundRecordsIt() {
            given().when(new OpenRound("create", 1, AT)).expectEvents(new RoundOpened("create", 1, AT));
        }

        @Test
        void openingARoundOutsideTheGridIsRejected() {
            given().when(new OpenRound("create", 4, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("the grid has no round 4");
        }

        @Test
        void aRoundOpensOnlyOnce() {
            given(new RoundOpened("create", 1, AT), new RoundClosed("create", 1, AT))
                    .when(new OpenRound("create", 1, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 1 has already opened");
        }

        @Test
        void oneRoundIsOpenAtATime() {
            given(new RoundOpened("create", 1, AT))
                    .when(new OpenRound("create", 2, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 1 is still open; close it first");
        }

        @Test
        void closingAnOpenRoundRecordsIt() {
            given(new RoundOpened("create", 1, AT))
                    .when(new CloseRound("create", 1, AT))
                    .expectEvents(new RoundClosed("create", 1, AT));
        }

        @Test
        void closingARoundThatIsNotOpenIsRejected() {
            given().when(new CloseRound("create", 2, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("round 2 is not open");
        }

        @Test
        void closingARoundOutsideTheGridIsRejected() {
            given().when(new CloseRound("create", 7, AT))
                    .expectException(AgendaRuleViolation.class)
                    .expectExceptionMessage("the grid has no round 7");
        }
    }
}
