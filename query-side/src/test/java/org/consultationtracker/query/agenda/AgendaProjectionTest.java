package org.consultationtracker.query.agenda;

import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationMoved;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalClarified;
import org.consultationtracker.events.agenda.ProposalSplit;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.agenda.SplitPart;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.agenda.AgendaView.ProposalView;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.support.EventFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgendaProjectionTest {

    private static final Instant T0 = Instant.parse("2021-03-10T10:00:00Z");

    /** The questions here are plain: no vault is needed to show them. */
    private static final Words PLAIN_WORDS = new Words(null);

    private final InMemoryDocumentSession session = new InMemoryDocumentSession();
    private final EventFeed feed = new EventFeed();
    private final List<?> projections = List.of(new AgendaProjection(), new ParticipantDirectoryProjection());

    @BeforeEach
    void grid() {
        feed(new ParticipantRegistered("p-1", "c-1", "Robin", List.of("g-care"), AgeBand.AGED_18_TO_25, null, null,
                                       null, T0),
             new ParticipantRegistered("p-2", "c-1", "Sam", List.of("g-foster"), AgeBand.AGED_26_AND_OVER, null, null,
                                       null, T0),
             new GridDefined("a-1", List.of(new GridRound(1, T0, T0.plusSeconds(2700)),
                                            new GridRound(2, T0.plusSeconds(3600), T0.plusSeconds(6300))),
                             List.of("Room 1", "Room 2"), T0));
    }

    @Test
    void whatWasAnnouncedIsShownBesideWhatWasRecorded() {
        feed(proposed("pr-1", "p-1"), proposed("pr-2", "p-2"), proposed("pr-3", "p-1"),
             new ConversationScheduled("a-1", "pr-1", 1, "Room 1", List.of("p-1"), Wording.plain("A"), T0.plusSeconds(90)),
             new ConversationScheduled("a-1", "pr-2", 1, "Room 2", List.of("p-2"), Wording.plain("B"), T0.plusSeconds(90)),
             new ConversationScheduled("a-1", "pr-3", 2, "Room 1", List.of("p-1"), Wording.plain("C"), T0.plusSeconds(90)),
             new org.consultationtracker.events.agenda.AgendaAnnounced("a-1", 4, List.of(2, 1, 1),
                                                                       "an agenda of 4 conversations", "the report",
                                                                       T0.plusSeconds(100)));

        AgendaView view = view();

        assertThat(view.announced().conversations()).isEqualTo(4);
        assertThat(view.announced().perRound()).containsExactly(2, 1, 1);
        assertThat(view.announced().asWritten()).isEqualTo("an agenda of 4 conversations");
        assertThat(view.announcedVsRecorded()).containsExactly(
                "Announced by the report: 4 conversations; recorded on the agenda: 3.",
                "Round 3: announced 1 conversations; recorded 0.");
        assertThat(view.discrepancies()).isEmpty();
    }

    @Test
    void nothingAnnouncedNothingToCompare() {
        AgendaView view = view();
        assertThat(view.announced()).isNull();
        assertThat(view.announcedVsRecorded()).isEmpty();
    }

    @Test
    void mergesOfMergesLeadEveryOriginalToTheFinalProposal() {
        feed(proposed("pr-1", "p-1"), proposed("pr-2", "p-2"), proposed("pr-3", "p-1"),
             new ProposalsMerged("a-1", "m-1", List.of("pr-1", "pr-2"), "Leaving care", "same", List.of("p-1", "p-2"),
                                 List.of("p-1", "p-2"), T0.plusSeconds(60)),
             new ProposalsMerged("a-1", "m-2", List.of("m-1", "pr-3"), "Leaving care and housing", "overlap",
                                 List.of("p-1"), List.of("p-1", "p-2"), T0.plusSeconds(120)));

        AgendaView view = view();

        assertThat(proposal(view, "pr-1").status()).isEqualTo("MERGED");
        assertThat(proposal(view, "pr-1").mergedInto()).isEqualTo("m-1");
        assertThat(proposal(view, "pr-1").finalProposalId()).isEqualTo("m-2");
        assertThat(proposal(view, "m-1").status()).isEqualTo("MERGED");
        assertThat(proposal(view, "m-2").status()).isEqualTo("PROPOSED");
        assertThat(proposal(view, "m-2").originalProposalIds()).containsExactly("pr-1", "pr-2", "pr-3");
        assertThat(proposal(view, "m-2").hosts()).extracting(ParticipantDirectory.ParticipantRef::label)
                                                 .containsExactly("Robin", "Sam");
        assertThat(proposal(view, "pr-1").lineage()).extracting(AgendaView.LineageStep::kind)
                                                    .containsExactly("PROPOSED", "MERGED_INTO");
    }

    @Test
    void clarifiedSplitWithdrawnScheduledAndMovedProposalsKeepTheirLineage() {
        feed(proposed("pr-1", "p-1"), proposed("pr-2", "p-2"),
             new ProposalClarified("a-1", "pr-2", "pr-1", Wording.plain("Kinship care, not foster care"), T0.plusSeconds(30)),
             new ProposalSplit("a-1", "pr-1", List.of(new SplitPart("pr-1a", "Money", List.of("p-1")), new SplitPart("pr-1b", "Homes", List.of("p-1"))),
                               List.of("p-1"), T0.plusSeconds(60)),
             new ConversationScheduled("a-1", "pr-1a", 1, "Room 1", List.of("p-1"), Wording.plain("Money"), T0.plusSeconds(90)),
             new ConversationScheduled("a-1", "pr-1b", 1, "Room 2", List.of("p-1"), Wording.plain("Homes"), T0.plusSeconds(90)),
             new ConversationMoved("a-1", "pr-1b", 1, "Room 2", 2, "Room 1", T0.plusSeconds(100)),
             new ConversationScheduled("a-1", "pr-2", 1, "Room 2", List.of("p-2"), Wording.plain("Kinship"), T0.plusSeconds(110)),
             new ProposalWithdrawn("a-1", "pr-2", "host unwell", T0.plusSeconds(200)),
             new RoundOpened("a-1", 1, T0.plusSeconds(300)),
             new ConversationStarted("pr-1a", "a-1", 1, "Room 1", "p-1", T0.plusSeconds(310)),
             new RoundClosed("a-1", 1, T0.plusSeconds(3000)));

        AgendaView view = view();

        assertThat(proposal(view, "pr-2").clarifiedAgainst()).containsExactly("pr-1");
        assertThat(proposal(view, "pr-2").status()).isEqualTo("WITHDRAWN");
        assertThat(proposal(view, "pr-2").slot()).isNull();
        assertThat(proposal(view, "pr-1").status()).isEqualTo("SPLIT");
        assertThat(proposal(view, "pr-1").splitInto()).containsExactly("pr-1a", "pr-1b");
        assertThat(proposal(view, "pr-1b").splitFrom()).isEqualTo("pr-1");
        assertThat(proposal(view, "pr-1b").slot()).isEqualTo(new AgendaView.Slot(2, "Room 1"));
        assertThat(proposal(view, "pr-1a").conversationStatus()).isEqualTo("HELD");
        assertThat(slot(view, 1, "Room 1").conversations()).extracting(AgendaView.SlotConversation::conversationId)
                                                           .containsExactly("pr-1a");
        assertThat(slot(view, 1, "Room 2").conversations()).isEmpty();
        assertThat(view.rounds().get(0).status()).isEqualTo("CLOSED");
        assertThat(view.discrepancies()).isEmpty();
    }

    @Test
    void twoConversationsInOneSlotAreShownAsADiscrepancyNotFixed() {
        feed(proposed("pr-1", "p-1"), proposed("pr-2", "p-2"),
             new ConversationScheduled("a-1", "pr-1", 1, "Room 1", List.of("p-1"), Wording.plain("One"), T0),
             new ConversationScheduled("a-1", "pr-2", 1, "Room 1", List.of("p-2"), Wording.plain("Two"), T0));

        AgendaView view = view();

        assertThat(slot(view, 1, "Room 1").conversations()).hasSize(2);
        assertThat(view.discrepancies()).containsExactly("2 conversations scheduled in round 1, room Room 1");
    }

    @Test
    void anErasedHostIsShownByANeutralLabelAndTheStructureRemains() {
        feed(proposed("pr-1", "p-1"),
             new ConversationScheduled("a-1", "pr-1", 1, "Room 1", List.of("p-1"), Wording.plain("One"), T0),
             new ParticipantErased("p-1", ContributionPolicy.WITHDRAW_WORDS,
                     ErasureRequester.THE_PARTICIPANT, "asked in the app", null, T0.plusSeconds(10)));

        AgendaView view = view();

        assertThat(proposal(view, "pr-1").proposer().label()).isEqualTo(ParticipantDirectory.ERASED_LABEL);
        assertThat(proposal(view, "pr-1").proposer().stakeholderGroupIds()).containsExactly("g-care");
        assertThat(slot(view, 1, "Room 1").conversations()).hasSize(1);
    }

    private ConversationProposed proposed(String id, String proposer) {
        return new ConversationProposed("a-1", id, proposer, Wording.plain("Question " + id), Wording.plain("Pitch " + id), T0);
    }

    @SuppressWarnings("unchecked")
    private void feed(Object... payloads) {
        feed.feed(session, (List) projections, payloads);
    }

    private AgendaView view() {
        return AgendaViews.from(session.collection(AgendaProjection.AGENDAS).get("a-1"),
                                ids -> ParticipantDirectory.resolve(ids, session::findAll), PLAIN_WORDS::say, null);
    }

    private static ProposalView proposal(AgendaView view, String id) {
        return view.proposals().stream().filter(p -> p.proposalId().equals(id)).findFirst().orElseThrow();
    }

    private static AgendaView.SlotView slot(AgendaView view, int round, String room) {
        return view.grid().stream().filter(s -> s.round() == round && s.room().equals(room)).findFirst()
                   .orElseThrow();
    }
}
