package org.consultationtracker.query.corrections;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.MergeReversed;
import org.consultationtracker.events.agenda.ProposalSplit;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.agenda.SplitPart;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointMoved;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.agenda.AgendaView;
import org.consultationtracker.query.agenda.AgendaView.LineageStep;
import org.consultationtracker.query.agenda.AgendaView.ProposalView;
import org.consultationtracker.query.audittrail.AuditTrailQueries;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindParticipantTrail;
import org.consultationtracker.query.audittrail.AuditTrailView;
import org.consultationtracker.query.conversation.ConversationQueries.FindConversation;
import org.consultationtracker.query.conversation.ConversationView;
import org.consultationtracker.query.coverage.CoverageQueries;
import org.consultationtracker.query.coverage.CoverageQueries.FindCoverage;
import org.consultationtracker.query.coverage.CoverageView;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corrections with the trail kept, through the real pipeline: a reversed merge, a split whose parts keep one host
 * (who then hosts two rooms of a round), a key point moved to the conversation it was said in, and key points whose
 * speaker was not in the room. Each read model shows them, and rebuilding gives the documents and answers the live
 * processors gave.
 */
@QuerySideTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectionsTest {

    private static final String P = "fix-";
    private static final Instant T0 = Instant.parse("2021-05-10T10:00:00Z");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    QueryGateway queries;
    @Autowired
    AuditTrailQueries trails;
    @Autowired
    CoverageQueries coverage;
    @Autowired
    Replays replays;
    @Autowired
    Generations generations;
    @Autowired
    MongoDatabase database;

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static List<Object> story() {
        String a = P + "a";
        return List.of(
                new ConsultationStarted(P + "c", "Fixes", "What went wrong?", T0),
                new StakeholderGroupDefined(P + "c", P + "g", "Carers", T0),
                new SessionScheduled(P + "c", a, SessionKind.OPEN_SPACE, "Create", T0, at(300), T0),
                registered("ana"), registered("bo"), registered("cy"),
                new GridDefined(a, List.of(new GridRound(1, at(10), at(55)), new GridRound(2, at(60), at(105))),
                                List.of("Room 1", "Room 2"), T0),
                new ConversationProposed(a, P + "pr-1", P + "ana", Wording.plain("Housing"), null, at(1)),
                new ConversationProposed(a, P + "pr-2", P + "bo", Wording.plain("Pay"), Wording.plain("Too little"),
                                         at(1)),
                new ConversationProposed(a, P + "pr-3", P + "cy", Wording.plain("Schools and health"), null, at(1)),
                new ProposalsMerged(a, P + "m-1", List.of(P + "pr-1", P + "pr-2"), "Housing and pay", "similar",
                                    List.of(P + "ana", P + "bo"), List.of(P + "ana", P + "bo"), at(2)),
                new MergeReversed(a, P + "m-1", List.of(P + "pr-1", P + "pr-2"), "two questions after all",
                                  "facilitator", at(3)),
                new ProposalSplit(a, P + "pr-3", List.of(
                        new SplitPart(P + "pr-3a", "Schools", List.of(P + "cy")),
                        new SplitPart(P + "pr-3b", "Health", List.of(P + "cy"))), List.of(P + "cy"), at(4)),
                new ConversationScheduled(a, P + "pr-1", 1, "Room 1", List.of(P + "ana"), Wording.plain("Housing"),
                                          at(5)),
                new ConversationScheduled(a, P + "pr-2", 1, "Room 2", List.of(P + "bo"), Wording.plain("Pay"), at(5)),
                new ConversationScheduled(a, P + "pr-3a", 2, "Room 1", List.of(P + "cy"), Wording.plain("Schools"),
                                          at(5)),
                new ConversationScheduled(a, P + "pr-3b", 2, "Room 2", List.of(P + "cy"), Wording.plain("Health"),
                                          at(5)),
                new RoundOpened(a, 1, at(10)),
                new ConversationStarted(P + "pr-1", a, 1, "Room 1", P + "ana", at(10)),
                new ConversationStarted(P + "pr-2", a, 1, "Room 2", P + "bo", at(10)),
                new ParticipantJoinedConversation(P + "pr-2", a, 1, P + "cy", null, at(11)),
                // cy spoke in room 2 but the note went to room 1; bo's point too, and bo never left room 2
                new KeyPointRecorded(P + "pr-1", P + "kp-1", KeyPointKind.PROBLEM, Wording.plain("No school place"),
                                     false, P + "cy", "notetaker", at(15)),
                new KeyPointRecorded(P + "pr-1", P + "kp-2", KeyPointKind.SOLUTION, Wording.plain("Pay carers"),
                                     false, P + "bo", "notetaker", at(16)),
                new KeyPointRecorded(P + "pr-1", P + "kp-3", KeyPointKind.QUESTION, Wording.plain("Who decides?"),
                                     false, P + "ana", "notetaker", at(17)),
                new KeyPointMoved(P + "pr-1", P + "kp-1", P + "pr-2", "said in room 2", "facilitator", at(20)),
                new KeyPointEdited(P + "pr-2", P + "kp-1", Wording.plain("No school place near home"), "clarity",
                                   "notetaker", at(21)));
    }

    private static ParticipantRegistered registered(String name) {
        return new ParticipantRegistered(P + name, P + "c", P + name, List.of(P + "g"), AgeBand.NOT_SAID, null,
                                         null, null, T0);
    }

    @BeforeAll
    void record() {
        eventStore.publish(new EventFeed().as("facilitator", "FACILITATOR").messages(story().toArray())
                                          .toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    private AgendaView agenda() {
        return queries.query(new FindAgenda(P + "a", null), AgendaView.class).join();
    }

    private ConversationView conversation(String id) {
        return queries.query(new FindConversation(P + id), ConversationView.class).join();
    }

    private static ProposalView proposal(AgendaView agenda, String id) {
        return agenda.proposals().stream().filter(p -> p.proposalId().equals(P + id)).findFirst().orElseThrow();
    }

    @Test
    void aReversedMergeLeavesTheAgendaAndItsSourcesComeBackWithBothStepsInTheirLineage() {
        AgendaView agenda = agenda();
        ProposalView merged = proposal(agenda, "m-1");
        assertThat(merged.status()).isEqualTo("REVERSED");
        assertThat(merged.lineage()).extracting(LineageStep::kind).containsExactly("MERGED_FROM", "MERGE_REVERSED");
        assertThat(merged.lineage().get(1).details()).containsEntry("reason", "two questions after all")
                                                     .containsEntry("by", "facilitator");
        ProposalView first = proposal(agenda, "pr-1");
        assertThat(first.status()).isEqualTo("SCHEDULED");
        assertThat(first.mergedInto()).isNull();
        assertThat(first.finalProposalId()).isEqualTo(P + "pr-1");
        assertThat(first.proposer().participantId()).isEqualTo(P + "ana");
        assertThat(first.lineage()).extracting(LineageStep::kind)
                                   .containsExactly("PROPOSED", "MERGED_INTO", "MERGE_REVERSED", "SCHEDULED",
                                                    "STARTED");
        assertThat(proposal(agenda, "pr-2").pitch()).isEqualTo("Too little");
        assertThat(agenda.grid()).flatExtracting(AgendaView.SlotView::conversations)
                                 .extracting(AgendaView.SlotConversation::conversationId)
                                 .doesNotContain(P + "m-1");
    }

    @Test
    void splitPartsShowTheirHostsAndAHostInTwoRoomsOfARoundIsADiscrepancy() {
        AgendaView agenda = agenda();
        assertThat(proposal(agenda, "pr-3a").hosts()).extracting(h -> h.participantId()).containsExactly(P + "cy");
        assertThat(proposal(agenda, "pr-3a").lineage().get(0).details()).containsEntry("hostIds", List.of(P + "cy"));
        assertThat(agenda.discrepancies()).anyMatch(d -> d.contains("hosts 2 conversations in round 2")
                && d.contains("“Schools” (" + P + "pr-3a, room Room 1)") && d.contains("“Health” (" + P + "pr-3b, room Room 2)"));
        assertThat(agenda.discrepancies()).noneMatch(d -> d.contains("round 1"));
    }

    @Test
    void aMovedKeyPointIsShownUnderItsNewConversationWithItsHistoryAndItsMove() {
        ConversationView target = conversation("pr-2");
        ConversationView.KeyPoint moved = target.keyPoints().stream()
                .filter(k -> k.keyPointId().equals(P + "kp-1")).findFirst().orElseThrow();
        assertThat(moved.original().plain()).isEqualTo("No school place");
        assertThat(moved.current().plain()).isEqualTo("No school place near home");
        assertThat(moved.moves()).singleElement().satisfies(move -> {
            assertThat(move.fromConversationId()).isEqualTo(P + "pr-1");
            assertThat(move.toConversationId()).isEqualTo(P + "pr-2");
            assertThat(move.reason()).isEqualTo("said in room 2");
        });
        assertThat(moved.notInRoom()).as("cy was in room 2 when they said it").isFalse();

        ConversationView source = conversation("pr-1");
        assertThat(source.keyPoints()).extracting(ConversationView.KeyPoint::keyPointId)
                                      .containsExactly(P + "kp-2", P + "kp-3");
        assertThat(source.movedOut()).singleElement().satisfies(out -> {
            assertThat(out.keyPointId()).isEqualTo(P + "kp-1");
            assertThat(out.toConversationId()).isEqualTo(P + "pr-2");
        });

        CoverageView covered = coverage.handle(new FindCoverage(P + "a", null, null, null));
        assertThat(covered.keyPoints()).filteredOn(k -> k.keyPointId().equals(P + "kp-1"))
                                       .extracting(CoverageView.KeyPointCoverage::conversationId)
                                       .containsExactly(P + "pr-2");
        assertThat(covered.byConversation()).filteredOn(c -> c.conversationId().equals(P + "pr-1"))
                                            .singleElement()
                                            .satisfies(c -> assertThat(c.totals().values().stream()
                                                    .mapToInt(Integer::intValue).sum()).isEqualTo(2));
    }

    @Test
    void aSpeakerWhoWasNotInTheRoomIsADiscrepancyOnTheConversationAndInTheTrail() {
        ConversationView source = conversation("pr-1");
        assertThat(source.keyPoints()).filteredOn(ConversationView.KeyPoint::notInRoom)
                                      .extracting(ConversationView.KeyPoint::keyPointId)
                                      .containsExactly(P + "kp-2");
        assertThat(source.discrepancies()).singleElement().asString().contains(P + "kp-2").contains("not in this room");

        AuditTrailView.Participant bo = trails.handle(new FindParticipantTrail(P + "bo"));
        assertThat(bo.keyPoints()).singleElement().satisfies(k -> assertThat(k.notInRoom()).isTrue());
        AuditTrailView.Participant cy = trails.handle(new FindParticipantTrail(P + "cy"));
        assertThat(cy.keyPoints()).singleElement().satisfies(k -> {
            assertThat(k.notInRoom()).isFalse();
            assertThat(k.moves()).extracting(AuditTrailView.Move::reason).containsExactly("said in room 2");
            assertThat(k.fate().conversationId()).isEqualTo(P + "pr-2");
        });
        AuditTrailView.Participant ana = trails.handle(new FindParticipantTrail(P + "ana"));
        assertThat(ana.keyPoints()).singleElement().satisfies(k -> assertThat(k.notInRoom()).isFalse());
    }

    @Test
    void rebuildingGivesTheDocumentsAndAnswersTheLiveProcessorsGave() {
        AgendaView agendaLive = agenda();
        ConversationView sourceLive = conversation("pr-1");
        ConversationView targetLive = conversation("pr-2");
        for (ReadModel model : List.of(ReadModel.AGENDA, ReadModel.COVERAGE, ReadModel.AUDIT_TRAIL,
                                       ReadModel.PARTICIPATION)) {
            String live = ContentHash.of(database, model, generations.active(model));
            ReplayStatus rebuilt = replays.rebuild(model);
            assertThat(rebuilt.state()).as(model.id()).isEqualTo(ReplayStatus.State.COMPLETED);
            assertThat(rebuilt.contentHashes().get(model.id())).as(model.id() + " rebuilt vs live").isEqualTo(live);
        }
        assertThat(agenda()).usingRecursiveComparison().ignoringFields("asOf").isEqualTo(agendaLive);
        assertThat(conversation("pr-1")).isEqualTo(sourceLive);
        assertThat(conversation("pr-2")).isEqualTo(targetLive);
    }
}
