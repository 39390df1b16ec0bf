package org.consultationtracker.query.voiceflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.testing.SignedIn;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.query.support.ConsultationStory;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The views the pages draw, each from one endpoint: the voice flow of one report (and only that report's sections),
 * the reports of a consultation, a conversation's presence timeline and the sections citing it, the consultations and
 * their registered participants a page at a time.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewEndpointsTest {

    private static final String P = "views-";
    private static final Instant LATER = ConsultationStory.T0.plusSeconds(3 * 3600);

    @Autowired
    MockMvc mvc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void aConsultationWithTwoReports() {
        List<Object> events = new ArrayList<>(ConsultationStory.events(P));
        // A second report of the same consultation cites bo's point directly and the housing conversation as a whole.
        events.add(new ReportStarted(P + "r2", P + "c", "Interim report", LATER));
        events.add(new ReportSectionWritten(P + "r2", P + "s-2", 1, "Pay", "carers",
                                            List.of(new Citation(CitationKind.KEY_POINT, P + "kp-6"),
                                                    new Citation(CitationKind.CONVERSATION, P + "m-2")), LATER));
        List<EventMessage<?>> messages = new ArrayList<>(new EventFeed().as("facilitator", "FACILITATOR")
                                                                        .messages(events.toArray()));
        eventStore.publish(messages.toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    @Test
    void theVoiceFlowOfOneReportHoldsOnlyThatReportsSections() throws Exception {
        JsonNode flow = read("/api/reports/" + P + "r/voice-flow?agendaId=" + P + "a");
        assertThat(flow.get("title").asText()).isEqualTo("Final report");
        assertThat(flow.get("sections")).extracting(s -> s.get("sectionId").asText()).containsExactly(P + "s-1");
        assertThat(nodes(flow, "SECTION")).containsExactly("s:" + P + "s-1");
        assertThat(flow.get("nodes").toString() + flow.get("links")).doesNotContain(P + "s-2");
        // every key point of the session is in the flow; kp-1 (quoted) and kp-4 (tagged with a cited theme) reach it
        assertThat(flow.get("totals").get("keyPoints").asInt()).isEqualTo(6);
        assertThat(flow.get("totals").get("citedInReport").asInt()).isEqualTo(2);
        // of the four that do not: kp-6 cited elsewhere, kp-3 in a summary, kp-2 not yet handled, kp-5 retracted
        assertThat(flow.get("totals").get("notInReport").toString())
                .isEqualTo("{\"RETRACTED\":1,\"CITED\":1,\"SUMMARISED\":1,\"NOT_YET_HANDLED\":1}");
        assertThat(flow.get("sections").get(0).get("keyPointIds")).extracting(JsonNode::asText)
                                                                  .containsExactlyInAnyOrder(P + "kp-1", P + "kp-4");
        assertThat(link(flow, "c:" + P + "m-2", "s:" + P + "s-1").get("keyPointIds")).extracting(JsonNode::asText)
                                                                                   .containsExactly(P + "kp-1");
        assertThat(link(flow, "c:" + P + "pr-4", "t:" + P + "t-housing").get("value").asInt()).isEqualTo(1);
        assertThat(link(flow, "t:" + P + "t-housing", "s:" + P + "s-1").get("value").asInt()).isEqualTo(1);
        // bo's point is cited only by the other report: it flows to that fate, not into a section of this one
        assertThat(link(flow, "c:" + P + "pr-4", "f:CITED").get("keyPointIds")).extracting(JsonNode::asText)
                                                                             .containsExactly(P + "kp-6");
        assertThat(nodes(flow, "GROUP")).contains("g:" + P + "g-care", "g:anonymous");
    }

    @Test
    void theOtherReportsFlowCarriesAWholeConversationCitation() throws Exception {
        JsonNode flow = read("/api/reports/" + P + "r2/voice-flow");
        assertThat(nodes(flow, "SECTION")).containsExactly("s:" + P + "s-2");
        JsonNode whole = link(flow, "c:" + P + "m-2", "s:" + P + "s-2");
        assertThat(whole.get("wholeConversation").asBoolean()).isTrue();
        assertThat(whole.get("keyPointIds")).extracting(JsonNode::asText)
                                            .containsExactlyInAnyOrder(P + "kp-1", P + "kp-2", P + "kp-3");
        assertThat(link(flow, "c:" + P + "pr-4", "s:" + P + "s-2").get("wholeConversation").asBoolean()).isFalse();
        // without a session, only the key points behind the report are in the flow
        assertThat(flow.get("totals").get("keyPoints").asInt()).isEqualTo(4);
        // the words of anonymous points carry no account: whoever typed them is not in the flow
        assertThat(flow.toString()).doesNotContain("notetaker");
    }

    @Test
    void aConsultationsReportsAreListedInTheOrderTheyStarted() throws Exception {
        JsonNode reports = read("/api/reports?consultationId=" + P + "c");
        assertThat(reports).extracting(r -> r.get("reportId").asText()).containsExactly(P + "r", P + "r2");
        assertThat(reports.get(0).get("sections").asInt()).isEqualTo(1);
        assertThat(reports.get(0).get("themes").asInt()).isEqualTo(1);
        assertThat(read("/api/reports?consultationId=" + P + "nobody")).isEmpty();
        mvc.perform(get("/api/reports").with(SignedIn.as("reviewer")))
           .andExpect(status().isBadRequest())
           .andExpect(jsonPath("$.parameter").value("consultationId"));
    }

    @Test
    void thePresenceTimelineListsArrivalsAndDeparturesWithTheNumberPresent() throws Exception {
        JsonNode timeline = read("/api/conversations/" + P + "m-2/presence");
        JsonNode steps = timeline.get("steps");
        assertThat(steps).extracting(s -> s.get("kind").asText() + " " + s.get("participantId").asText() + " "
                                          + s.get("present").asInt())
                         .containsExactly("STARTED " + P + "ana 1", "JOINED " + P + "cy 2", "LEFT " + P + "cy 1");
        assertThat(steps.get(0).get("label").asText()).isEqualTo("ANA");
        // cy was erased: the timeline keeps the step and the count, not the pseudonym
        assertThat(steps.get(1).get("label").asText()).isEqualTo("an erased participant");
        assertThat(steps.get(2).get("otherConversationId").asText()).isEqualTo(P + "pr-4");
        assertThat(timeline.get("roundOpenedAt").asText()).isEqualTo("2021-03-10T10:10:00Z");
        assertThat(timeline.get("endsAt").asText()).isEqualTo("2021-03-10T10:55:00Z");
        assertThat(timeline.toString()).doesNotContain("CY").doesNotContain("facilitator");
        JsonNode other = read("/api/conversations/" + P + "pr-4/presence").get("steps");
        assertThat(other.get(1).get("otherConversationId").asText()).isEqualTo(P + "m-2");
    }

    @Test
    void theSectionsCitingAConversationComeWithTheirReportAndRoute() throws Exception {
        JsonNode housing = read("/api/conversations/" + P + "m-2/citing-sections").get("sections");
        assertThat(housing).extracting(s -> s.get("sectionId").asText()).containsExactly(P + "s-1", P + "s-2");
        assertThat(housing.get(0).get("reportTitle").asText()).isEqualTo("Final report");
        assertThat(housing.get(0).get("publishedVersions")).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(housing.get(0).get("keyPointIds")).extracting(JsonNode::asText).containsExactly(P + "kp-1");
        assertThat(housing.get(0).get("citesConversation").asBoolean()).isFalse();
        assertThat(housing.get(1).get("citesConversation").asBoolean()).isTrue();
        JsonNode pay = read("/api/conversations/" + P + "pr-4/citing-sections").get("sections");
        assertThat(pay).extracting(s -> s.get("sectionId").asText()).containsExactly(P + "s-1", P + "s-2");
        assertThat(pay.get(0).get("viaThemes").get(0).get("themeId").asText()).isEqualTo(P + "t-housing");
        assertThat(pay.get(0).get("viaThemes").get(0).get("keyPointIds")).extracting(JsonNode::asText)
                                                                          .containsExactly(P + "kp-4");
        assertThat(pay.get(1).get("keyPointIds")).extracting(JsonNode::asText).containsExactly(P + "kp-6");
    }

    @Test
    void registeredParticipantsComeAPageAtATimeInTheOrderTheyRegistered() throws Exception {
        JsonNode first = read("/api/consultations/" + P + "c/participants?size=2");
        assertThat(first.get("total").asInt()).isEqualTo(3);
        assertThat(first.get("participants")).extracting(p -> p.get("participantId").asText())
                                             .containsExactly(P + "ana", P + "bo");
        assertThat(first.get("participants").get(0).get("label").asText()).isEqualTo("ANA");
        assertThat(first.get("participants").get(0).get("stakeholderGroups").get(0).get("name").asText())
                .isEqualTo("Care-experienced");
        assertThat(first.get("participants").get(1).get("label").asText()).isEqualTo("an erased participant");
        assertThat(first.get("next").asInt()).isEqualTo(1);
        JsonNode second = read("/api/consultations/" + P + "c/participants?size=2&after=1");
        assertThat(second.get("participants")).extracting(p -> p.get("position").asInt()).containsExactly(2);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(second.toString()).doesNotContain("\"CY\"");
    }

    @Test
    void consultationsArePagedByPosition() throws Exception {
        List<String> seen = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 1000; page++) {
            JsonNode result = read("/api/consultations?size=1" + after);
            result.get("consultations").forEach(c -> seen.add(c.get("consultationId").asText()));
            if (result.get("next").isNull()) {
                assertThat(seen).hasSize(result.get("total").asInt());
                break;
            }
            after = "&after=" + result.get("next").asInt();
        }
        assertThat(seen).contains(P + "c").doesNotHaveDuplicates();
    }

    @Test
    void unknownIdsAreNotFoundAndBadPagesAreBadRequests() throws Exception {
        for (String path : List.of("/api/reports/nope/voice-flow", "/api/conversations/nope/presence",
                                   "/api/conversations/nope/citing-sections", "/api/consultations/nope/participants")) {
            mvc.perform(get(path).with(SignedIn.as("reviewer")))
               .andExpect(status().isNotFound())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
               .andExpect(jsonPath("$.id").value("nope"));
        }
        for (String[] bad : new String[][]{{"/api/consultations?size=0", "size"},
                {"/api/consultations?size=501", "size"}, {"/api/consultations?after=-1", "after"},
                {"/api/consultations/" + P + "c/participants?after=x", "after"},
                {"/api/consultations/" + P + "c/participants?size=" + "9".repeat(40), "size"}}) {
            mvc.perform(get(bad[0]).with(SignedIn.as("reviewer")))
               .andExpect(status().isBadRequest())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
               .andExpect(jsonPath("$.parameter").value(bad[1]));
        }
    }

    @Test
    void participantsMayNotReadTheseViews() throws Exception {
        for (String path : List.of("/api/reports/" + P + "r/voice-flow", "/api/reports?consultationId=" + P + "c",
                                   "/api/conversations/" + P + "m-2/presence",
                                   "/api/conversations/" + P + "m-2/citing-sections", "/api/consultations",
                                   "/api/consultations/" + P + "c/participants")) {
            mvc.perform(get(path).with(SignedIn.as("participant"))).andExpect(status().isForbidden());
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
        }
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(SignedIn.as("reviewer")))
                                .andExpect(status().isOk())
                                .andReturn().getResponse().getContentAsString());
    }

    private static List<String> nodes(JsonNode flow, String kind) {
        List<String> ids = new ArrayList<>();
        flow.get("nodes").forEach(n -> {
            if (kind.equals(n.get("kind").asText())) {
                ids.add(n.get("id").asText());
            }
        });
        return ids;
    }

    private static JsonNode link(JsonNode flow, String source, String target) {
        for (JsonNode link : flow.get("links")) {
            if (link.get("source").asText().equals(source) && link.get("target").asText().equals(target)) {
                return link;
            }
        }
        throw new AssertionError("no link " + source + " → " + target + " in " + flow.get("links"));
    }
}
