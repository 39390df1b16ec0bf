package org.consultationtracker.query.voiceflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.testing.SignedIn;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.ParticipantErased;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
        // Plenary contributions: ana's about the housing conversation, two anonymous ones about pay, and cy's, said
        // before cy was erased with their words withdrawn.
        int erasure = events.indexOf(events.stream().filter(ParticipantErased.class::isInstance).findFirst().orElseThrow());
        events.add(erasure, new PlenaryContributionRecorded(P + "pr-4", P + "pc-cy", P + "cy",
                                                            Wording.plain("And travel costs"), LATER.minusSeconds(9000)));
        events.add(new PlenaryContributionRecorded(P + "m-2", P + "pc-ana", P + "ana", Wording.plain("Also repairs"),
                                                   LATER.minusSeconds(60)));
        events.add(new PlenaryContributionRecorded(P + "pr-4", P + "pc-cited", null, Wording.plain("Pay on time"),
                                                   LATER.minusSeconds(50)));
        events.add(new PlenaryContributionRecorded(P + "pr-4", P + "pc-waiting", null, Wording.plain("Pensions"),
                                                   LATER.minusSeconds(40)));
        // Two written ideas sent to a call for ideas: one cited by the second report, one not (yet).
        events.add(new IdeaSubmitted(P + "idea-cited", P + "c", P + "cfi", P + "g-care", null,
                                     Wording.plain("Mentors for carers"), LATER.minusSeconds(30)));
        events.add(new IdeaSubmitted(P + "idea-waiting", P + "c", P + "cfi", null, P + "ana",
                                     Wording.plain("A helpline"), LATER.minusSeconds(20)));
        // A second report of the same consultation cites bo's point directly, the housing conversation as a whole,
        // one plenary contribution and one idea.
        events.add(new ReportStarted(P + "r2", P + "c", "Interim report", LATER));
        events.add(new ReportSectionWritten(P + "r2", P + "s-2", 1, "Pay", "carers",
                                            List.of(new Citation(CitationKind.KEY_POINT, P + "kp-6"),
                                                    new Citation(CitationKind.CONVERSATION, P + "m-2"),
                                                    new Citation(CitationKind.PLENARY_CONTRIBUTION, P + "pc-cited"),
                                                    new Citation(CitationKind.IDEA, P + "idea-cited")),
                                            LATER));
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
        // of the four that do not: kp-6 cited elsewhere, kp-2 and kp-3 cited elsewhere with their whole conversation
        // (kp-3 also in a summary: being cited is more final), kp-5 retracted
        assertThat(flow.get("totals").get("notInReport").toString())
                .isEqualTo("{\"RETRACTED\":1,\"CITED\":1,\"CITED_WITH_CONVERSATION\":2,\"SUMMARISED\":0,"
                                   + "\"NOT_YET_HANDLED\":0}");
        assertThat(flow.get("sections").get(0).get("keyPointIds")).extracting(JsonNode::asText)
                                                                  .containsExactlyInAnyOrder(P + "kp-1", P + "kp-4");
        // the report has a theme, so every point passes the theme column: through its theme or "no theme"
        assertThat(flow.get("columns")).extracting(c -> c.get("label").asText())
                                       .containsExactly("Stakeholder groups", "Conversations", "Themes",
                                                        "Report sections, or what became of the rest");
        assertThat(link(flow, "c:" + P + "m-2", "t:none").get("keyPointIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(P + "kp-1", P + "kp-2", P + "kp-3");
        assertThat(link(flow, "t:none", "s:" + P + "s-1").get("keyPointIds")).extracting(JsonNode::asText)
                                                                           .containsExactly(P + "kp-1");
        assertThat(link(flow, "c:" + P + "pr-4", "t:" + P + "t-housing").get("value").asInt()).isEqualTo(1);
        assertThat(link(flow, "t:" + P + "t-housing", "s:" + P + "s-1").get("value").asInt()).isEqualTo(1);
        // bo's point is cited only by the other report: it flows to that fate, not into a section of this one
        assertThat(link(flow, "t:none", "f:CITED").get("keyPointIds")).extracting(JsonNode::asText)
                                                                    .containsExactly(P + "kp-6");
        assertThat(link(flow, "t:none", "f:CITED_WITH_CONVERSATION").get("keyPointIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(P + "kp-2", P + "kp-3");
        assertThat(nodes(flow, "GROUP")).contains("g:" + P + "g-care", "g:anonymous");
        for (JsonNode node : flow.get("nodes")) {
            int column = node.get("column").asInt();
            assertThat(column).as(node.get("id").asText()).isEqualTo(switch (node.get("kind").asText()) {
                case "GROUP" -> 0;
                case "CONVERSATION" -> 1;
                case "THEME" -> 2;
                default -> 3;
            });
        }
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
        // no theme in this report: no theme column, the sections are the third
        assertThat(flow.get("columns")).hasSize(3);
        assertThat(nodes(flow, "SECTION")).allSatisfy(id -> assertThat(node(flow, id).get("column").asInt()).isEqualTo(2));
        // without a session, only the key points behind the report are in the flow
        assertThat(flow.get("totals").get("keyPoints").asInt()).isEqualTo(4);
        // the words of anonymous points carry no account: whoever typed them is not in the flow
        assertThat(flow.toString()).doesNotContain("notetaker");
    }

    /**
     * One definition of a fate: every endpoint that shows a key point gives it the same fate, and a point that
     * reaches a report only with its whole conversation is shown as exactly that, with the citing section.
     */
    @Test
    void everyEndpointGivesAKeyPointTheSameFate() throws Exception {
        Map<String, Set<String>> seen = new TreeMap<>();
        java.util.function.BiConsumer<String, JsonNode> record = (where, keyPoint) -> {
            JsonNode fate = keyPoint.has("fate") && keyPoint.get("fate").isObject() ? keyPoint.get("fate") : keyPoint;
            seen.computeIfAbsent(fate.get("keyPointId").asText(), k -> new TreeSet<>())
                .add(fate.get("fate").asText());
        };
        read("/api/coverage?agendaId=" + P + "a").get("keyPoints").forEach(k -> record.accept("coverage", k));
        for (String conversation : List.of("m-2", "pr-4")) {
            read("/api/coverage?conversationId=" + P + conversation).get("keyPoints")
                    .forEach(k -> record.accept("coverage of a conversation", k));
            read("/api/conversations/" + P + conversation).get("keyPoints")
                    .forEach(k -> record.accept("conversation", k));
        }
        for (String section : List.of("s-1", "s-2")) {
            read("/api/audit-trail/sections/" + P + section).get("keyPoints")
                    .forEach(k -> record.accept("section trail", k));
        }
        read("/api/audit-trail/participants/" + P + "ana").get("keyPoints")
                .forEach(k -> record.accept("participant trail", k));
        for (String report : List.of("r", "r2")) {
            read("/api/reports/" + P + report + "/voice-flow?agendaId=" + P + "a").get("keyPoints")
                    .forEach(k -> record.accept("voice flow", k));
            read("/api/reports/" + P + report + "/voice-flow").get("keyPoints")
                    .forEach(k -> record.accept("voice flow", k));
        }
        JsonNode own = json.readTree(mvc.perform(get("/api/participants/" + P + "ana/voice-trail")
                                                         .with(SignedIn.participant(P + "ana")))
                                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        own.get("keyPoints").forEach(k -> record.accept("own voice trail", k));

        assertThat(seen).containsOnlyKeys(P + "kp-1", P + "kp-2", P + "kp-3", P + "kp-4", P + "kp-5", P + "kp-6");
        assertThat(seen).allSatisfy((keyPoint, fates) -> assertThat(fates).as(keyPoint).hasSize(1));
        assertThat(seen.get(P + "kp-1")).containsExactly("CITED");
        assertThat(seen.get(P + "kp-2")).containsExactly("CITED_WITH_CONVERSATION");
        // in a summary, but cited with its conversation: being cited is the more final fate
        assertThat(seen.get(P + "kp-3")).containsExactly("CITED_WITH_CONVERSATION");
        assertThat(seen.get(P + "kp-5")).containsExactly("RETRACTED");

        JsonNode kp2 = find(read("/api/coverage?conversationId=" + P + "m-2").get("keyPoints"), "keyPointId", P + "kp-2");
        assertThat(kp2.get("fateDetail").asText()).isEqualTo("cited with its whole conversation in section 1 (Pay), "
                                                                     + "not yet published");
        assertThat(kp2.get("citedVia")).extracting(c -> c.get("sectionId").asText() + " " + c.get("via").asText())
                                       .containsExactly(P + "s-2 whole conversation");
    }

    @Test
    void plenaryContributionsAreOnTheConversationWithTheirFate() throws Exception {
        JsonNode pay = read("/api/conversations/" + P + "pr-4").get("plenaryContributions");
        assertThat(pay).extracting(c -> c.get("contributionId").asText() + " " + c.get("fate").asText())
                       .containsExactly(P + "pc-cy NOT_YET_HANDLED", P + "pc-cited CITED",
                                        P + "pc-waiting NOT_YET_HANDLED");
        assertThat(find(pay, "contributionId", P + "pc-cited").get("citedIn").get(0).get("sectionId").asText())
                .isEqualTo(P + "s-2");
        assertThat(find(pay, "contributionId", P + "pc-cited").get("text").get("plain").asText())
                .isEqualTo("Pay on time");
        // cy was erased with their words withdrawn: the contribution stays, as structure, without its words or name
        JsonNode erased = find(pay, "contributionId", P + "pc-cy");
        assertThat(erased.get("text").get("withdrawn").asBoolean()).isTrue();
        assertThat(erased.toString()).doesNotContain("travel").doesNotContain("CY");
        JsonNode housing = read("/api/conversations/" + P + "m-2").get("plenaryContributions");
        assertThat(housing).extracting(c -> c.get("fate").asText()).containsExactly("CITED_WITH_CONVERSATION");
        assertThat(housing.get(0).get("voice").asText()).isEqualTo("ANA");
    }

    @Test
    void coverageCountsPlenaryContributionsAndIdeasByTheSameFates() throws Exception {
        JsonNode session = read("/api/coverage?agendaId=" + P + "a");
        assertThat(session.get("plenaryContributions")).extracting(c -> c.get("contributionId").asText())
                .containsExactlyInAnyOrder(P + "pc-cy", P + "pc-ana", P + "pc-cited", P + "pc-waiting");
        assertThat(session.get("plenaryContributionTotals").toString())
                .isEqualTo("{\"RETRACTED\":0,\"CITED\":1,\"CITED_WITH_CONVERSATION\":1,\"SUMMARISED\":0,"
                                   + "\"NOT_YET_HANDLED\":2}");
        assertThat(session.get("ideas")).isEmpty();

        JsonNode callForIdeas = read("/api/coverage?agendaId=" + P + "cfi");
        assertThat(callForIdeas.get("ideas")).extracting(i -> i.get("ideaId").asText() + " " + i.get("fate").asText())
                .containsExactly(P + "idea-cited CITED", P + "idea-waiting NOT_YET_HANDLED");
        assertThat(callForIdeas.get("ideaTotals").get("CITED").asInt()).isEqualTo(1);
        assertThat(callForIdeas.get("ideaTotals").get("NOT_YET_HANDLED").asInt()).isEqualTo(1);
        JsonNode cited = find(callForIdeas.get("ideas"), "ideaId", P + "idea-cited");
        assertThat(cited.get("stakeholderGroupIds")).extracting(JsonNode::asText).containsExactly(P + "g-care");
        assertThat(cited.get("fateDetail").asText()).isEqualTo("cited in section 1 (Pay), not yet published");
        assertThat(find(callForIdeas.get("ideas"), "ideaId", P + "idea-waiting").get("voice").asText()).isEqualTo("ANA");
        // by stakeholder group: the idea sent in for the care group, and ana's (she is in it); none for social workers
        assertThat(read("/api/coverage?agendaId=" + P + "cfi&stakeholderGroupId=" + P + "g-care").get("ideas"))
                .extracting(i -> i.get("ideaId").asText()).containsExactly(P + "idea-cited", P + "idea-waiting");
        assertThat(read("/api/coverage?agendaId=" + P + "cfi&stakeholderGroupId=" + P + "g-sw").get("ideas")).isEmpty();

        // the section trail shows the cited idea and plenary contribution with their fates, and counts their voices
        JsonNode section = read("/api/audit-trail/sections/" + P + "s-2");
        assertThat(section.get("ideas")).extracting(i -> i.get("fate").asText()).containsExactly("CITED");
        assertThat(section.get("plenaryContributions")).extracting(c -> c.get("contributionId").asText())
                                                       .containsExactly(P + "pc-cited");
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (item.get(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + list);
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

    private static JsonNode node(JsonNode flow, String id) {
        for (JsonNode node : flow.get("nodes")) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no node " + id);
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
