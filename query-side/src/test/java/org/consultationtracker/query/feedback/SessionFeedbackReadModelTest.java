package org.consultationtracker.query.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.Replays;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Participants' feedback on a session: listed per session in the order given, each with its words and contributor
 * (anonymous, by pseudonym, or erased), the draft sections citing it now and the published versions that cited it;
 * a rebuild gives the same answers; the audit log finds the feedback under its session and its contributor.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionFeedbackReadModelTest {

    private static final String P = "feedback-";
    private static final String SESSION = P + "session";
    private static final String REPORT = P + "report";
    private static final Instant AT = Instant.parse("2023-05-01T16:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Replays replays;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void feedbackCitedPublishedAndRewritten() {
        EventFeed feed = new EventFeed().as(P + "facilitator", "FACILITATOR");
        Citation first = new Citation(CitationKind.SESSION_FEEDBACK, P + "fb-01");
        List<EventMessage<?>> messages = new ArrayList<>(List.of(
                feed.message(new ParticipantRegistered(P + "ana", P + "c", "Kind Kestrel", List.of(), null, null,
                                                       null, null, AT)),
                feed.message(new ParticipantRegistered(P + "bo", P + "c", "Tall Tree", List.of(), null, null,
                                                       null, null, AT)),
                feed.message(new SessionFeedbackGiven(P + "c", SESSION, P + "fb-01", null,
                                                      Wording.plain("So therapeutic to take part"), true, AT)),
                feed.message(new SessionFeedbackGiven(P + "c", SESSION, P + "fb-02", P + "ana",
                                                      Wording.plain("Being listened to helped"), false,
                                                      AT.plusSeconds(60))),
                feed.message(new SessionFeedbackGiven(P + "c", SESSION, P + "fb-03", P + "bo",
                                                      Wording.plain("Thank you"), true, AT.plusSeconds(120))),
                feed.message(new ParticipantErased(P + "bo", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                                                   ErasureRequester.THE_PARTICIPANT, "moving on", null,
                                                   AT.plusSeconds(180))),
                feed.message(new ReportStarted(REPORT, P + "c", "What we heard", AT.plusSeconds(200))),
                feed.message(new ReportSectionWritten(REPORT, P + "s-1", 1, "Being heard", "Many fed back…",
                                                      List.of(first), AT.plusSeconds(300))),
                feed.message(new ReportPublished(REPORT, 1, null, List.of(
                        new PublishedSection(P + "s-1", 1, "Being heard", "Many fed back…", List.of(first))),
                                                 List.of(), AT.plusSeconds(400))),
                // The draft drops the citation after version 1: version 1 still cites it, the draft no more.
                feed.message(new ReportSectionWritten(REPORT, P + "s-1", 1, "Being heard", "Rewritten",
                                                      List.of(), AT.plusSeconds(500))),
                feed.message(new ReportSectionWritten(REPORT, P + "s-2", 2, "Thanks", "Thank you",
                                                      List.of(new Citation(CitationKind.SESSION_FEEDBACK,
                                                                           P + "fb-03")), AT.plusSeconds(600)))));
        eventStore.publish(messages.toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    @Test
    void aSessionsFeedbackIsListedInTheOrderGivenWithItsContributors() throws Exception {
        JsonNode page = read("/api/session-feedback?sessionId=" + SESSION);
        assertThat(page.get("totalFeedback").asInt()).isEqualTo(3);
        assertThat(page.get("next").isNull()).isTrue();
        JsonNode feedback = page.get("feedback");
        assertThat(feedback).extracting(f -> f.get("feedbackId").asText())
                            .containsExactly(P + "fb-01", P + "fb-02", P + "fb-03");
        assertThat(feedback.get(0).get("anonymous").asBoolean()).isTrue();
        assertThat(feedback.get(0).get("contributor").isNull()).isTrue();
        assertThat(feedback.get(0).get("text").get("plain").asText()).isEqualTo("So therapeutic to take part");
        assertThat(feedback.get(0).get("verbatim").asBoolean()).isTrue();
        assertThat(feedback.get(1).get("contributor").get("label").asText()).isEqualTo("Kind Kestrel");
        assertThat(feedback.get(2).get("contributor").get("label").asText()).isEqualTo("an erased participant");
        assertThat(feedback.get(2).get("contributor").get("erased").asBoolean()).isTrue();
    }

    @Test
    void pagesFollowTheFeedbackNumbers() throws Exception {
        JsonNode first = read("/api/session-feedback?sessionId=" + SESSION + "&size=2");
        assertThat(first.get("feedback")).hasSize(2);
        assertThat(first.get("next").asInt()).isEqualTo(2);
        JsonNode second = read("/api/session-feedback?sessionId=" + SESSION + "&size=2&after=2");
        assertThat(second.get("feedback")).extracting(f -> f.get("number").asInt()).containsExactly(3);
        assertThat(second.get("next").isNull()).isTrue();
        JsonNode none = read("/api/session-feedback?sessionId=" + P + "quiet-session");
        assertThat(none.get("feedback")).isEmpty();
        assertThat(none.get("totalFeedback").asInt()).isZero();
    }

    @Test
    void oneFeedbackSaysWhereItIsCitedNowAndWhereItWasPublished() throws Exception {
        JsonNode fb1 = read("/api/session-feedback/" + P + "fb-01");
        assertThat(fb1.get("citedIn")).as("the draft no longer cites it").isEmpty();
        assertThat(fb1.get("publishedIn")).hasSize(1);
        JsonNode published = fb1.get("publishedIn").get(0);
        assertThat(published.get("reportTitle").asText()).isEqualTo("What we heard");
        assertThat(published.get("version").asInt()).isEqualTo(1);
        assertThat(published.get("heading").asText()).isEqualTo("Being heard");
        JsonNode fb3 = read("/api/session-feedback/" + P + "fb-03");
        assertThat(fb3.get("citedIn")).extracting(c -> c.get("sectionId").asText()).containsExactly(P + "s-2");
        assertThat(fb3.get("publishedIn")).isEmpty();
    }

    @Test
    void unknownFeedbackIsNotFoundAndBadPagingIsRefusedNamingTheField() throws Exception {
        expect("/api/session-feedback/" + P + "nothing", status().isNotFound());
        expect("/api/session-feedback?sessionId=" + SESSION + "&size=0", jsonPath("$.errors[0].field").value("size"));
        expect("/api/session-feedback?sessionId=" + SESSION + "&after=-1", status().isBadRequest());
        expect("/api/session-feedback?sessionId=", status().isBadRequest());
    }

    @Test
    void theAuditLogFindsTheFeedbackUnderItsSessionAndContributor() throws Exception {
        JsonNode bySession = read("/api/audit-log?sessionId=" + SESSION + "&eventType=SessionFeedbackGiven");
        assertThat(bySession.get("entries")).hasSize(3);
        JsonNode anonymous = bySession.get("entries").get(0);
        assertThat(anonymous.get("anonymous").asBoolean()).isTrue();
        assertThat(anonymous.get("actor").isNull()).as("which account sent anonymous feedback is for admins only")
                                                 .isTrue();
        assertThat(bySession.get("entries").get(1).get("actor").asText()).isEqualTo(P + "facilitator");
        JsonNode byAna = read("/api/audit-log?participantId=" + P + "ana&eventType=SessionFeedbackGiven");
        assertThat(byAna.get("entries")).hasSize(1);
        assertThat(byAna.get("entries").get(0).get("participants").get(0).get("label").asText())
                .isEqualTo("Kind Kestrel");
    }

    @Test
    void aRebuildGivesTheSameAnswers() throws Exception {
        String list = read("/api/session-feedback?sessionId=" + SESSION).toString();
        String one = read("/api/session-feedback/" + P + "fb-01").toString();
        replays.rebuild(ReadModel.SESSION_FEEDBACK);
        assertThat(read("/api/session-feedback?sessionId=" + SESSION)).hasToString(list);
        assertThat(read("/api/session-feedback/" + P + "fb-01")).hasToString(one);
    }

    private void expect(String path, ResultMatcher matcher) throws Exception {
        mvc.perform(get(path).with(reviewer())).andExpect(matcher);
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(reviewer())).andExpect(status().isOk()).andReturn()
                                .getResponse().getContentAsString());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor reviewer() {
        return authentication(new AccountAuthentication(new Account("reviewer", Set.of("REVIEWER"), null,
                                                                    Account.LOCAL)));
    }
}
