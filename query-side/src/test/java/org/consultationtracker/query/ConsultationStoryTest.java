package org.consultationtracker.query;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.agenda.AgendaView;
import org.consultationtracker.query.auditlog.AuditLogQueries.Entry;
import org.consultationtracker.query.auditlog.AuditLogQueries.Page;
import org.consultationtracker.query.auditlog.AuditLogQueries.SearchAuditLog;
import org.consultationtracker.query.audittrail.AuditTrailQueries;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindParticipantTrail;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindSectionTrail;
import org.consultationtracker.query.audittrail.AuditTrailView;
import org.consultationtracker.query.agenda.AgendaQueries.AgendaSummary;
import org.consultationtracker.query.agenda.AgendaQueries;
import org.consultationtracker.query.agenda.AgendaQueries.AgendaPage;
import org.consultationtracker.query.agenda.AgendaQueries.ListAgendas;
import org.consultationtracker.query.conversation.ConversationQueries.FindConversation;
import org.consultationtracker.query.conversation.ConversationView;
import org.consultationtracker.query.coverage.CoverageQueries;
import org.consultationtracker.query.coverage.CoverageQueries.FindCoverage;
import org.consultationtracker.query.coverage.CoverageView;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.Fate;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participation.ParticipationQueries.FindSessionParticipation;
import org.consultationtracker.query.participation.ParticipationView;
import org.consultationtracker.query.support.ConsultationStory;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One consultation from marketplace to report through the real pipeline: events appended to the embedded store,
 * pooled processors, bulk writes to MongoDB, the Axon query handlers.
 */
@QuerySideTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsultationStoryTest {

    private static final String P = "story-";

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
    org.consultationtracker.eventstore.privacy.KeyVault vault;
    @Autowired
    com.mongodb.client.MongoDatabase database;

    private List<Object> story;

    @BeforeAll
    void tellTheStory() {
        story = ConsultationStory.events(P, vault);
        eventStore.publish(new EventFeed().as("notetaker-1", "NOTE_TAKER").messages(story.toArray())
                                          .toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    @Test
    void theAgendaShowsTheMergeOfMergesThroughTheAxonQueryBus() {
        AgendaView agenda = queries.query(new FindAgenda(P + "a", null), AgendaView.class).join();

        AgendaView.ProposalView first = agenda.proposals().stream()
                                              .filter(p -> p.proposalId().equals(P + "pr-1")).findFirst().orElseThrow();
        assertThat(first.finalProposalId()).isEqualTo(P + "m-2");
        assertThat(agenda.title()).isEqualTo("Create");
        assertThat(agenda.grid()).filteredOn(slot -> slot.room().equals("Room 1"))
                                 .flatExtracting(AgendaView.SlotView::conversations)
                                 .extracting(AgendaView.SlotConversation::status).containsExactly("HELD");
    }

    @Test
    void wordsAProposerWithdrewAreInNoCollectionAndTheAgendaShowsThemWithdrawn() {
        // cy proposed pr-3 and was erased with WITHDRAW_WORDS: their question and pitch are nowhere in clear
        List<String> searched = new ArrayList<>();
        boolean sawPlainAgendaText = false;
        for (String collection : database.listCollectionNames()) {
            for (org.bson.Document document : database.getCollection(collection).find()) {
                String stored = document.toJson();
                assertThat(stored).as("a document of " + collection).doesNotContain(ConsultationStory.CY_QUESTION)
                                  .doesNotContain(ConsultationStory.CY_PITCH);
                sawPlainAgendaText |= stored.contains("Housing after care");
            }
            searched.add(collection);
        }
        assertThat(searched).as("the events and the read models were searched")
                            .contains("commits", "participant_keys")
                            .anyMatch(name -> name.startsWith("agendas"))
                            .anyMatch(name -> name.startsWith("participation_conversations"))
                            .anyMatch(name -> name.startsWith("audit_log"));
        assertThat(sawPlainAgendaText).as("the search reads the stored text (the merged question is plain)").isTrue();

        AgendaView agenda = queries.query(new FindAgenda(P + "a", null), AgendaView.class).join();
        AgendaView.ProposalView withdrawn = agenda.proposals().stream()
                                                  .filter(p -> p.proposalId().equals(P + "pr-3")).findFirst()
                                                  .orElseThrow();
        assertThat(withdrawn.question()).isEqualTo(Words.WITHDRAWN);
        assertThat(withdrawn.pitch()).isEqualTo(Words.WITHDRAWN);
        assertThat(withdrawn.lineage().get(0).details()).containsEntry("question", Words.WITHDRAWN);
        assertThat(withdrawn.mergedInto()).isEqualTo(P + "m-2"); // the structure stays
        AgendaView.ProposalView kept = agenda.proposals().stream()
                                             .filter(p -> p.proposalId().equals(P + "pr-4")).findFirst().orElseThrow();
        assertThat(kept.question()).as("bo kept their words: opened at query time").isEqualTo("Pay");
        assertThat(kept.pitch()).isEqualTo("Carers are paid too little");
        assertThat(agenda.grid()).flatExtracting(AgendaView.SlotView::conversations)
                                 .extracting(AgendaView.SlotConversation::question)
                                 .containsExactlyInAnyOrder("Housing after care", "Pay");
    }

    @Test
    void aSummaryCitingWordsLaterWithdrawnSaysSoForStaffToReplaceIt() {
        ConversationView pay = queries.query(new FindConversation(P + "pr-4"), ConversationView.class).join();
        assertThat(pay.summary().citedKeyPointIds()).containsExactly(P + "kp-4");
        assertThat(pay.summary().withdrawnWordsCited()).as("cy withdrew their words after the summary cited them")
                                                     .containsExactly(P + "kp-4");
        ConversationView housing = queries.query(new FindConversation(P + "m-2"), ConversationView.class)
                                          .join();
        assertThat(housing.summary().withdrawnWordsCited()).as("nobody's words withdrawn there").isEmpty();
    }

    @Test
    void participationCountsTheMoveAndKeepsTheErasedParticipant() {
        ParticipationView.Session session = queries.query(new FindSessionParticipation(P + "a", null),
                                                          ParticipationView.Session.class).join();

        assertThat(session.uniqueVisitors()).isEqualTo(3);
        assertThat(session.movesBetweenRooms()).isEqualTo(1);
        ParticipationView.Conversation pay = session.rounds().get(0).conversationDetails().stream()
                                                    .filter(c -> c.conversationId().equals(P + "pr-4")).findFirst()
                                                    .orElseThrow();
        assertThat(pay.peak()).isEqualTo(2); // bo and the erased cy
        assertThat(pay.highestSustained()).isEqualTo(2); // 10:30 to 10:55
        assertThat(pay.byStakeholderGroup()).extracting(ParticipationView.GroupCounts::name)
                                            .containsExactly("Care-experienced", "Social workers");
    }

    @Test
    void theParticipantTrailShowsOriginalWordsEditsAndFates() {
        AuditTrailView.Participant ana = trails.handle(new FindParticipantTrail(P + "ana"));

        assertThat(ana.label()).isEqualTo("ANA");
        assertThat(ana.proposals()).extracting(AgendaView.ProposalView::finalProposalId).containsExactly(P + "m-2");
        assertThat(ana.attendance()).hasSize(1);
        assertThat(ana.attendance().get(0).minutes()).isEqualTo(45);
        assertThat(ana.keyPoints()).hasSize(1);
        AuditTrailView.KeyPoint quote = ana.keyPoints().get(0);
        assertThat(quote.original().plain()).isEqualTo("Nobody told me where I would live"); // opened at query time
        assertThat(quote.fate().fate()).isEqualTo(Fate.CITED);
        assertThat(quote.fate().fateDetail()).isEqualTo("cited in section 1 (Housing), published in version 1");
        assertThat(ana.plenarySummaries()).extracting(AuditTrailView.PlenarySummary::summary)
                                          .containsExactly("We talked about homes");
    }

    @Test
    void theConversationShowsOriginalBesideEveryEditTheLatestSummaryAndEveryFate() {
        ConversationView housing = queries.query(new FindConversation(P + "m-2"), ConversationView.class).join();

        assertThat(housing.question()).isEqualTo("Housing after care");
        assertThat(housing.round()).isEqualTo(1);
        assertThat(housing.room()).isEqualTo("Room 1");
        assertThat(housing.hosts()).extracting(ParticipantDirectory.ParticipantRef::label)
                                   .containsExactly("ANA", ParticipantDirectory.ERASED_LABEL,
                                                    ParticipantDirectory.ERASED_LABEL);
        assertThat(housing.summary().text()).isEqualTo("second"); // the later summary supersedes the first
        assertThat(housing.summary().summarisedBy()).isEqualTo("ana");
        assertThat(housing.summary().at()).isEqualTo(ConsultationStory.T0.plusSeconds(52 * 60));
        assertThat(housing.summary().citedKeyPointIds()).containsExactly(P + "kp-3");
        assertThat(housing.plenarySummary().text()).isEqualTo("We talked about homes");
        assertThat(housing.plenarySummary().presentedBy().label()).isEqualTo("ANA");

        assertThat(housing.keyPoints()).extracting(ConversationView.KeyPoint::keyPointId)
                                       .containsExactly(P + "kp-1", P + "kp-2", P + "kp-3");
        ConversationView.KeyPoint quote = housing.keyPoints().get(0);
        assertThat(quote.original().plain()).isEqualTo("Nobody told me where I would live"); // opened at query time
        assertThat(quote.verbatim()).isTrue();
        assertThat(quote.speaker()).isEqualTo("ANA");
        assertThat(quote.fate()).isEqualTo(Fate.CITED);
        assertThat(quote.fateDetail()).isEqualTo("cited in section 1 (Housing), published in version 1");
        assertThat(quote.edits()).isEmpty();

        ConversationView.KeyPoint edited = housing.keyPoints().get(1);
        assertThat(edited.speaker()).isEqualTo("anonymous");
        assertThat(edited.original().plain()).isEqualTo("More homes");
        // nobody is named for this point: who typed and edited it is for admins only
        assertThat(edited.recordedBy()).isNull();
        assertThat(edited.edits()).extracting(e -> e.text().plain(), ConversationView.Edit::editedBy,
                                              ConversationView.Edit::reason)
                                  .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                                           "More homes for care leavers", null, "clarity"),
                                                   org.assertj.core.groups.Tuple.tuple(
                                                           "More social homes for care leavers", null,
                                                           "precision"));
        ConversationView.KeyPoint editedSeenByAdmin = asAdmin(() -> queries.query(
                new FindConversation(P + "m-2"), ConversationView.class).join()).keyPoints().get(1);
        assertThat(editedSeenByAdmin.recordedBy()).isEqualTo("notetaker");
        assertThat(editedSeenByAdmin.edits()).extracting(ConversationView.Edit::editedBy)
                                             .containsExactly("notetaker", "facilitator");
        assertThat(quote.recordedBy()).as("a named speaker's point keeps its note-taker for everyone")
                                      .isEqualTo("notetaker");
        assertThat(edited.current().plain()).isEqualTo("More social homes for care leavers");
        assertThat(edited.fate()).isEqualTo(Fate.NOT_YET_HANDLED);
        assertThat(housing.keyPoints().get(2).fate()).isEqualTo(Fate.SUMMARISED);

        ConversationView pay = queries.query(new FindConversation(P + "pr-4"), ConversationView.class).join();
        ConversationView.KeyPoint withdrawn = pay.keyPoints().stream()
                                                 .filter(k -> k.keyPointId().equals(P + "kp-4")).findFirst()
                                                 .orElseThrow();
        assertThat(withdrawn.speaker()).isEqualTo(ParticipantDirectory.ERASED_LABEL);
        assertThat(withdrawn.original().withdrawn()).isTrue();
        assertThat(withdrawn.original().plain()).isNull();
        assertThat(withdrawn.themeIds()).containsExactly(P + "t-housing");
        assertThat(pay.themes()).extracting(ConversationView.Theme::name).containsExactly("Housing");
        ConversationView.KeyPoint retracted = pay.keyPoints().stream()
                                                 .filter(k -> k.keyPointId().equals(P + "kp-5")).findFirst()
                                                 .orElseThrow();
        assertThat(retracted.fate()).isEqualTo(Fate.RETRACTED);
        assertThat(retracted.retraction().reason()).isEqualTo("recorded by mistake");
    }

    @Test
    void theAgendaListAndCoverageNameSessionsAndThemes() {
        List<AgendaSummary> agendas = new java.util.ArrayList<>();
        Long after = null;
        do {
            AgendaPage page = queries.query(new ListAgendas(after, AgendaQueries.MAX_PAGE_SIZE), AgendaPage.class)
                                     .join();
            agendas.addAll(page.agendas());
            after = page.next();
        } while (after != null);
        assertThat(agendas).filteredOn(a -> a.agendaId().equals(P + "a"))
                           .extracting(AgendaSummary::title).containsExactly("Create");

        CoverageView view = coverage.handle(new FindCoverage(P + "a", null, null, null));
        assertThat(view.themes()).extracting(CoverageView.ThemeRef::themeId, CoverageView.ThemeRef::name)
                                 .containsExactly(org.assertj.core.groups.Tuple.tuple(P + "t-housing", "Housing"));
    }

    @Test
    void editsOfEditsAreKeptOriginalBesideEveryEdit() {
        AuditTrailView.Section section = trails.handle(new FindSectionTrail(P + "s-1"));
        assertThat(section.text()).isEqualTo("final");

        CoverageView view = coverage.handle(new FindCoverage(null, P + "m-2", null, null));
        KeyPointCoverage edited = find(view, P + "kp-2");
        assertThat(edited.text().plain()).isEqualTo("More social homes for care leavers");
        // The later summary no longer cites kp-2: it is back to "not yet handled".
        assertThat(edited.fate()).isEqualTo(Fate.NOT_YET_HANDLED);

        AuditTrailView.Participant bo = trails.handle(new FindParticipantTrail(P + "bo"));
        assertThat(bo.keyPoints()).extracting(k -> k.fate().keyPointId()).containsExactly(P + "kp-6");
    }

    @Test
    void theSectionTrailCountsVoicesPerGroupAndErasureWithdrawsWordsButNotTheCount() {
        AuditTrailView.Section section = trails.handle(new FindSectionTrail(P + "s-1"));

        // kp-1 (ana, cited as a quote) and kp-4 (cy, through the housing theme); kp-3 was dropped in the rewrite.
        assertThat(section.keyPoints()).extracting(k -> k.fate().keyPointId())
                                       .containsExactlyInAnyOrder(P + "kp-1", P + "kp-4");
        assertThat(section.distinctVoices()).isEqualTo(2);
        assertThat(section.voicesByStakeholderGroup()).containsEntry(P + "g-care", 2);
        AuditTrailView.KeyPoint erased = section.keyPoints().stream()
                                                .filter(k -> k.fate().keyPointId().equals(P + "kp-4")).findFirst()
                                                .orElseThrow();
        assertThat(erased.original().withdrawn()).isTrue();
        assertThat(erased.original().plain()).isNull();
        assertThat(erased.fate().voice()).isEqualTo(ParticipantDirectory.ERASED_LABEL);
    }

    @Test
    void erasureKeepingWordsDropsTheNameButTheWordsStayReadable() {
        AuditTrailView.Participant bo = trails.handle(new FindParticipantTrail(P + "bo"));

        assertThat(bo.label()).isEqualTo(ParticipantDirectory.ERASED_LABEL);
        assertThat(bo.erased()).isTrue();
        assertThat(bo.stakeholderGroups()).extracting(ParticipantDirectory.StakeholderGroup::name)
                                          .containsExactly("Social workers");
        assertThat(bo.keyPoints().get(0).original().plain()).isEqualTo("Smaller caseloads");
        assertThat(bo.keyPoints().get(0).fate().voice()).isEqualTo(ParticipantDirectory.ERASED_LABEL);
        assertThat(bo.proposals()).hasSize(2); // pr-2 (merged into m-1, then m-2) and pr-4
    }

    @Test
    void coverageGivesEveryKeyPointAFateWithTotals() {
        CoverageView view = coverage.handle(new FindCoverage(P + "a", null, null, null));

        assertThat(view.keyPoints()).hasSize(6);
        assertThat(find(view, P + "kp-1").fate()).isEqualTo(Fate.CITED);
        assertThat(find(view, P + "kp-3").fate()).isEqualTo(Fate.SUMMARISED);
        assertThat(find(view, P + "kp-4").fate()).isEqualTo(Fate.CITED);
        assertThat(find(view, P + "kp-5").fate()).isEqualTo(Fate.RETRACTED);
        assertThat(find(view, P + "kp-5").retractionReason()).isEqualTo("recorded by mistake");
        assertThat(view.totals()).containsEntry(Fate.CITED, 2).containsEntry(Fate.SUMMARISED, 1)
                                 .containsEntry(Fate.RETRACTED, 1).containsEntry(Fate.NOT_YET_HANDLED, 2);
        assertThat(view.byStakeholderGroup()).extracting(CoverageView.GroupTotals::stakeholderGroupId)
                                             .containsExactly("anonymous", P + "g-care", P + "g-sw");

        CoverageView notYet = coverage.handle(new FindCoverage(P + "a", null, null, Fate.NOT_YET_HANDLED));
        assertThat(notYet.keyPoints()).extracting(KeyPointCoverage::keyPointId)
                                      .containsExactly(P + "kp-2", P + "kp-6");
    }

    @Test
    void theAuditLogHasEveryEventWithActorRoleAndBothTimes() {
        Page all = queries.query(new SearchAuditLog(P + "a", null, null, null, null, null, null, null, 500), Page.class)
                          .join();
        // The session's events: those naming it, and those naming only a conversation (or proposal) on its agenda.
        java.util.Set<Object> conversations = new java.util.HashSet<>();
        story.stream().filter(e -> (P + "a").equals(field(e, "agendaId"))).forEach(e -> {
            conversations.add(field(e, "conversationId"));
            conversations.add(field(e, "proposalId"));
            conversations.add(field(e, "mergedProposalId"));
            if (e instanceof org.consultationtracker.events.agenda.ProposalSplit split) {
                split.parts().forEach(part -> conversations.add(part.proposalId()));
            }
        });
        conversations.remove(null);
        long sessionEvents = story.stream().filter(e -> (P + "a").equals(field(e, "agendaId"))
                || (P + "a").equals(field(e, "sessionId"))
                || field(e, "agendaId") == null && conversations.contains(field(e, "conversationId"))).count();
        assertThat(all.totalEntries()).isEqualTo(sessionEvents);
        assertThat(all.entries()).extracting(Entry::eventType).contains("KeyPointRecorded", "ConversationSummarised");
        assertThat(all.entries().get(0).actor()).isEqualTo("notetaker-1");
        assertThat(all.entries().get(0).role()).isEqualTo("NOTE_TAKER");
        assertThat(all.entries().get(0).occurredAt()).isEqualTo(ConsultationStory.T0);
        assertThat(all.entries().get(0).recordedAt()).isAfter(ConsultationStory.T0);

        Page cy = queries.query(new SearchAuditLog(null, null, P + "cy", null, null, null, null, null, 2), Page.class)
                         .join();
        assertThat(cy.totalEntries()).isGreaterThanOrEqualTo(6);
        assertThat(cy.entries()).hasSize(2);
        assertThat(cy.next()).isEqualTo(cy.entries().get(1).position());
        Page cyNext = queries.query(new SearchAuditLog(null, null, P + "cy", null, null, null, null, cy.next(), 2),
                                    Page.class).join();
        assertThat(cyNext.entries().get(0).position()).isGreaterThan(cy.next());

        Page merges = queries.query(new SearchAuditLog(null, null, null, null, "ProposalsMerged", null, null, null, 10),
                                    Page.class).join();
        assertThat(merges.entries()).extracting(e -> e.ids().get("mergedProposalId"))
                                    .contains(P + "m-1", P + "m-2");
    }

    private static Object field(Object event, String name) {
        for (var component : event.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(event);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    private static KeyPointCoverage find(CoverageView view, String id) {
        return view.keyPoints().stream().filter(k -> k.keyPointId().equals(id)).findFirst().orElseThrow();
    }

    /** Runs a query as an admin would: the services decide what an admin may see from the request's authorities. */
    private static <T> T asAdmin(java.util.function.Supplier<T> query) {
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                        "admin", null, List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                                "ROLE_ADMIN"))));
        try {
            return query.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }
}
