package org.consultationtracker.query;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.testing.SignedIn;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;
import org.consultationtracker.query.agenda.AgendaQueries;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.audittrail.AuditTrailQueries;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindSectionTrail;
import org.consultationtracker.query.audittrail.AuditTrailView;
import org.consultationtracker.query.participation.ParticipationQueries;
import org.consultationtracker.query.participation.ParticipationQueries.FindSessionParticipation;
import org.consultationtracker.query.readmodel.AsOfBasis;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.consultationtracker.query.writing.ReportDraft;
import org.consultationtracker.query.writing.ReportDraftQueries;
import org.consultationtracker.query.writing.ReportDraftQueries.FindReportDraft;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "As of" by time said or by time recorded. A note-taker types up at noon what was said at ten: the same events give
 * a different view as of eleven depending on the clock asked for. Here "eleven" is a real instant between the first
 * batch of events (recorded before it, said two hours before it) and the late batch (recorded after it, said an hour
 * before it), so the store's recorded times stay in the order the events were stored.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsOfBasisTest {

    private static final String P = "asofb-";

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    AgendaQueries agendas;
    @Autowired
    ParticipationQueries participation;
    @Autowired
    AuditTrailQueries trails;
    @Autowired
    ReportDraftQueries drafts;
    @Autowired
    MockMvc mvc;

    /** "Eleven o'clock": after the first batch was recorded, before the late batch was. */
    private Instant eleven;

    @BeforeAll
    void recordOnTimeThenLate() throws InterruptedException {
        EventFeed feed = new EventFeed();
        Instant nine = Instant.now().minus(Duration.ofHours(2));
        eventStore.publish(feed.messages(
                new GridDefined(P + "a", List.of(new GridRound(1, nine, nine.plusSeconds(5400))), List.of("Room 1"), nine),
                new ConversationProposed(P + "a", P + "c", P + "host", Wording.plain("Homes"), Wording.plain("pitch"), nine),
                new ConversationScheduled(P + "a", P + "c", 1, "Room 1", List.of(P + "host"), Wording.plain("Homes"), nine),
                new ConversationStarted(P + "c", P + "a", 1, "Room 1", P + "host", nine.plusSeconds(600)),
                new ReportStarted(P + "r", P + "consultation", "What we heard", nine),
                new ThemeIdentified(P + "r", P + "t", "Stability", "Staying put", nine),
                new ReportSectionWritten(P + "r", P + "s", 1, "Homes", "People want stable homes.",
                                         List.of(new Citation(CitationKind.CONVERSATION, P + "c")),
                                         nine.plusSeconds(5400)),
                new ParticipantRegistered(P + "dee", P + "consultation", "DEE", List.of(P + "g"),
                                          AgeBand.AGED_18_TO_25, new EncryptedValue(P + "dee/identity", "iv", "x"),
                                          null, null, nine),
                new ConsentGiven(P + "dee", ConsentPurpose.BE_QUOTED, nine),
                new KeyPointRecorded(P + "c2", P + "kp-dee", KeyPointKind.SOLUTION, Wording.plain("Ask us first."),
                                     true, P + "dee", "notetaker", nine.plusSeconds(900)),
                new ReportSectionWritten(P + "r", P + "s2", 2, "In their words", "Ask us first.[^1]",
                                         List.of(new Citation(CitationKind.QUOTE, P + "kp-dee")),
                                         nine.plusSeconds(5400)))
                                 .toArray(new EventMessage[0]));
        Thread.sleep(5);
        eleven = Instant.now();
        Thread.sleep(5);
        Instant ten = eleven.minus(Duration.ofHours(1));
        eventStore.publish(feed.messages(
                new ConversationProposed(P + "a", P + "late", P + "p2", Wording.plain("Schools"), Wording.plain("pitch"), ten),
                new ParticipantJoinedConversation(P + "c", P + "a", 1, P + "p2", null, ten),
                new KeyPointRecorded(P + "c", P + "kp", KeyPointKind.PROBLEM, Wording.plain("We moved seven times."),
                                     false, null, "notetaker", ten),
                new KeyPointTagged(P + "r", P + "t", P + "kp", P + "c", ten),
                new ConsentWithdrawn(P + "dee", ConsentPurpose.BE_QUOTED, ten))
                                 .toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    @Test
    void theAgendaAsOfElevenHoldsTheLateProposalBySaidButNotByRecorded() {
        assertThat(agendas.handle(new FindAgenda(P + "a", eleven, AsOfBasis.SAID)).proposals())
                .extracting(p -> p.proposalId()).containsExactlyInAnyOrder(P + "c", P + "late");
        assertThat(agendas.handle(new FindAgenda(P + "a", eleven, AsOfBasis.RECORDED)).proposals())
                .extracting(p -> p.proposalId()).containsExactly(P + "c");
        assertThat(agendas.handle(new FindAgenda(P + "a", eleven)).proposals()).hasSize(1);
    }

    @Test
    void participationAsOfElevenCountsTheLateArrivalBySaidOnly() {
        assertThat(participation.handle(new FindSessionParticipation(P + "a", eleven, AsOfBasis.SAID))
                                .uniqueVisitors()).isEqualTo(2);
        assertThat(participation.handle(new FindSessionParticipation(P + "a", eleven, AsOfBasis.RECORDED))
                                .uniqueVisitors()).isEqualTo(1);
    }

    @Test
    void theSectionTrailAsOfElevenHasTheLatePointBySaidOnly() {
        AuditTrailView.Section bySaid = trails.handle(new FindSectionTrail(P + "s", eleven, AsOfBasis.SAID));
        AuditTrailView.Section byRecorded = trails.handle(new FindSectionTrail(P + "s", eleven, AsOfBasis.RECORDED));
        AuditTrailView.Section now = trails.handle(new FindSectionTrail(P + "s"));
        assertThat(bySaid.keyPoints()).extracting(k -> k.fate().keyPointId()).containsExactly(P + "kp");
        assertThat(byRecorded.keyPoints()).isEmpty();
        assertThat(now.keyPoints()).hasSize(1);
    }

    @Test
    void theDraftAsOfElevenHasTheTagBySaidOnly() {
        ReportDraft bySaid = drafts.handle(new FindReportDraft(P + "r", eleven, AsOfBasis.SAID));
        ReportDraft byRecorded = drafts.handle(new FindReportDraft(P + "r", eleven, AsOfBasis.RECORDED));
        assertThat(bySaid.themes().get(0).keyPointIds()).containsExactly(P + "kp");
        assertThat(bySaid.themes().get(0).keyPointsByStakeholderGroup()).containsEntry("anonymous", 1);
        assertThat(bySaid.keyPoints()).extracting(k -> k.text().plain())
                                      .containsExactlyInAnyOrder("We moved seven times.", "Ask us first.");
        assertThat(bySaid.asOfBasis()).isEqualTo("SAID");
        assertThat(byRecorded.themes().get(0).keyPointIds()).isEmpty();
        assertThat(byRecorded.sections()).extracting(ReportDraft.DraftSection::heading)
                                         .containsExactly("Homes", "In their words");
    }

    @Test
    void aConsentWithdrawnAtTenAndRecordedAtNoonWarnsAsOfElevenBySaidOnly() {
        assertThat(drafts.handle(new FindReportDraft(P + "r", eleven, AsOfBasis.SAID)).sections().get(1)
                         .quotedWithoutConsent()).containsExactly(P + "kp-dee");
        assertThat(drafts.handle(new FindReportDraft(P + "r", eleven, AsOfBasis.RECORDED)).sections().get(1)
                         .quotedWithoutConsent()).isEmpty();
        assertThat(trails.handle(new FindSectionTrail(P + "s2", eleven, AsOfBasis.SAID)).quotedWithoutConsent())
                .containsExactly(P + "kp-dee");
        assertThat(trails.handle(new FindSectionTrail(P + "s2", eleven, AsOfBasis.RECORDED)).quotedWithoutConsent())
                .isEmpty();
        assertThat(drafts.handle(new FindReportDraft(P + "r", null, null)).sections().get(1).quotedWithoutConsent())
                .containsExactly(P + "kp-dee");
    }

    @Test
    void theDraftNowListsThemesSectionsAndTheWordsBehindThem() throws Exception {
        mvc.perform(get("/api/reports/" + P + "r/draft").with(SignedIn.as("reviewer")))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.title").value("What we heard"))
           .andExpect(jsonPath("$.themes[0].name").value("Stability"))
           .andExpect(jsonPath("$.themes[0].keyPointIds[0]").value(P + "kp"))
           .andExpect(jsonPath("$.sections[0].citations[0].kind").value("CONVERSATION"))
           .andExpect(jsonPath("$.keyPoints[*].text.plain")
                              .value(org.hamcrest.Matchers.hasItem("We moved seven times.")))
           .andExpect(jsonPath("$.asOf").doesNotExist());
        mvc.perform(get("/api/reports/" + P + "nope/draft").with(SignedIn.as("reviewer")))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.kind").value("report"));
    }

    @Test
    void theBasisTravelsThroughTheApi() throws Exception {
        mvc.perform(get("/api/agendas/" + P + "a").param("asOf", eleven.toString()).param("asOfBasis", "said")
                                                   .with(SignedIn.as("reviewer")))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.proposals.length()").value(2));
        mvc.perform(get("/api/agendas/" + P + "a").param("asOf", eleven.toString()).param("asOfBasis", "recorded")
                                                   .with(SignedIn.as("reviewer")))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.proposals.length()").value(1));
        mvc.perform(get("/api/audit-trail/sections/" + P + "s").param("asOf", eleven.toString())
                                                               .param("asOfBasis", "SAID")
                                                               .with(SignedIn.as("reviewer")))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.keyPoints.length()").value(1));
    }

    @Test
    void aBadBasisOrAnExtremeDateIsA400NamingTheField() throws Exception {
        for (String path : List.of("/api/agendas/" + P + "a", "/api/participation/sessions/" + P + "a",
                                   "/api/audit-trail/sections/" + P + "s", "/api/audit-trail/reports/" + P + "r",
                                   "/api/reports/" + P + "r/draft", "/api/exports/participation/" + P + "a")) {
            mvc.perform(get(path).param("asOf", eleven.toString()).param("asOfBasis", "spoken")
                                 .with(SignedIn.as("reviewer")))
               .andExpect(status().isBadRequest())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
               .andExpect(jsonPath("$.errors[0].field").value("asOfBasis"));
            for (String date : List.of("+1000000000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "yesterday",
                                       "2021-02-30T10:00:00Z")) {
                mvc.perform(get(path).param("asOf", date).param("asOfBasis", "said").with(SignedIn.as("reviewer")))
                   .andExpect(status().isBadRequest())
                   .andExpect(jsonPath("$.errors[0].field").value("asOf"));
            }
        }
    }
}
