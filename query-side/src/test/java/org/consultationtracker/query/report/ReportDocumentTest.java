package org.consultationtracker.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.testing.SignedIn;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.eventstore.privacy.KeyVault;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;
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
import org.springframework.test.web.servlet.MvcResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The report as a document: every published version readable with footnotes down to the original words, unchanged
 * by later drafts and tags; diffs; each sentence traced to the voices behind it; HTML and PDF exports; and the model
 * rebuilt from the events gives the same documents.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDocumentTest {

    private static final String P = "doc-";
    private static final Instant LATER = ConsultationStory.T0.plusSeconds(4 * 3600);
    private static final String R = "/api/reports/" + P + "r";
    private static final String ODD = "Caseloads are too high for children´s social workers 🙂.[^1] مرحبا بكم في التقرير.";

    @Autowired
    MockMvc mvc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    KeyVault vault;
    @Autowired
    Replays replays;
    @Autowired
    Generations generations;
    @Autowired
    MongoDatabase database;

    private final ObjectMapper json = new ObjectMapper();
    private final EventFeed feed = new EventFeed().as("facilitator", "FACILITATOR");
    private String versionOneBefore;
    private String versionTwoBefore;

    private static final List<Citation> S1_V2 = List.of(
            new Citation(CitationKind.QUOTE, P + "kp-1"), new Citation(CitationKind.THEME, P + "t-housing"),
            new Citation(CitationKind.CONVERSATION, P + "m-2"), new Citation(CitationKind.IDEA, P + "idea-1"));
    private static final String S1_V2_TEXT = "Nobody told them where they would live.[^1] Carers want fair pay.[^2] "
            + "Homes after care matter.[^3]";
    private static final List<Citation> S2_V2 = List.of(
            new Citation(CitationKind.KEY_POINT, P + "kp-6"), new Citation(CitationKind.KEY_POINT, P + "kp-2"));

    @BeforeAll
    void aReportPublishedTwiceThenDraftedFurther() throws Exception {
        List<Object> events = new ArrayList<>(ConsultationStory.events(P, vault));
        events.add(new IdeaSubmitted(P + "idea-1", P + "c", P + "a", P + "g-sw", null,
                                     Wording.plain("Pay carers a living wage"), LATER));
        events.add(new ReportSectionWritten(P + "r", P + "s-1", 1, "Housing", S1_V2_TEXT, S1_V2, LATER));
        events.add(new ReportSectionWritten(P + "r", P + "s-2", 2, "Pay", ODD, S2_V2, LATER));
        events.add(new ReportPublished(P + "r", 2, "Pay added; housing rewritten", List.of(
                new PublishedSection(P + "s-1", 1, "Housing", S1_V2_TEXT, S1_V2),
                new PublishedSection(P + "s-2", 2, "Pay", ODD, S2_V2)), LATER.plusSeconds(60)));
        events.add(new ConsentWithdrawn(P + "ana", ConsentPurpose.BE_QUOTED, LATER.plusSeconds(120)));
        publish(events);
        versionOneBefore = body(R + "/versions/1");
        versionTwoBefore = body(R + "/versions/2");
        // after publication: a new tag of the cited theme and a rewritten draft change the draft, not the versions
        publish(List.of(new KeyPointTagged(P + "r", P + "t-housing", P + "kp-2", P + "m-2", LATER.plusSeconds(180)),
                        new ReportSectionWritten(P + "r", P + "s-1", 1, "Homes", "A later draft.[^1]",
                                                 List.of(new Citation(CitationKind.KEY_POINT, P + "kp-3")),
                                                 LATER.plusSeconds(240))));
    }

    @Test
    void theReportListsItsVersionsAndTheDraft() throws Exception {
        JsonNode report = read(R);
        assertThat(report.get("title").asText()).isEqualTo("Final report");
        assertThat(report.get("consultationId").asText()).isEqualTo(P + "c");
        assertThat(report.get("versions")).extracting(v -> v.get("version").asInt()).containsExactly(1, 2);
        assertThat(report.get("versions").get(1).get("changeNote").asText()).isEqualTo("Pay added; housing rewritten");
        assertThat(report.get("versions").get(1).get("sectionCount").asInt()).isEqualTo(2);
        assertThat(report.get("versions").get(1).get("publishedAt").asText()).isEqualTo(LATER.plusSeconds(60).toString());
        assertThat(report.get("draft")).extracting(s -> s.get("heading").asText()).containsExactly("Homes", "Pay");
        assertThat(report.get("draft").get(0).get("text").asText()).isEqualTo("A later draft.[^1]");
    }

    @Test
    void publishedVersionsDoNotChangeWithLaterDraftsOrTags() throws Exception {
        assertThat(body(R + "/versions/1")).isEqualTo(versionOneBefore);
        assertThat(body(R + "/versions/2")).isEqualTo(versionTwoBefore);
        JsonNode draft = read(R + "/versions/draft");
        assertThat(draft.get("version").asText()).isEqualTo("draft");
        assertThat(draft.get("sections").get(0).get("heading").asText()).isEqualTo("Homes");
    }

    @Test
    void eachCitationIsAFootnoteDownToTheOriginalWords() throws Exception {
        JsonNode v1 = read(R + "/versions/1");
        assertThat(v1.get("sections")).extracting(s -> s.get("text").asText()).containsExactly("final");
        assertThat(v1.get("latest").asBoolean()).isFalse();
        assertThat(v1.get("correctionsNeeded")).isEmpty();

        JsonNode v2 = read(R + "/versions/2");
        assertThat(v2.get("latest").asBoolean()).isTrue();
        JsonNode housing = v2.get("sections").get(0);
        assertThat(housing.get("sentences")).extracting(s -> s.get("text").asText())
                .containsExactly("Nobody told them where they would live.", "Carers want fair pay.",
                                 "Homes after care matter.");
        assertThat(housing.get("sentences")).extracting(s -> s.get("footnotes").toString())
                                            .containsExactly("[1]", "[2]", "[3]");
        assertThat(housing.get("wholeSectionFootnotes").toString()).isEqualTo("[4]");
        assertThat(v2.get("sections").get(1).get("sentences").get(0).get("footnotes").toString()).isEqualTo("[5]");
        assertThat(v2.get("sections").get(1).get("wholeSectionFootnotes").toString()).isEqualTo("[6]");

        JsonNode quote = footnote(v2, 1);
        assertThat(quote.get("kind").asText()).isEqualTo("QUOTE");
        assertThat(quote.get("keyPoint").get("speaker").asText()).isEqualTo("ANA");
        assertThat(quote.get("keyPoint").get("original").get("plain").asText())
                .isEqualTo("Nobody told me where I would live");
        assertThat(quote.get("keyPoint").get("conversationTitle").asText()).isEqualTo("Housing after care");
        assertThat(quote.get("keyPoint").get("stakeholderGroups").get(0).get("name").asText())
                .isEqualTo("Care-experienced");
        // the theme as tagged at publication: cy's point, whose words cy withdrew at erasure
        JsonNode theme = footnote(v2, 2).get("theme");
        assertThat(theme.get("name").asText()).isEqualTo("Housing");
        assertThat(theme.get("taggedPoints")).extracting(k -> k.get("keyPointId").asText())
                                             .containsExactly(P + "kp-4");
        assertThat(theme.get("taggedPoints").get(0).get("current").get("withdrawn").asBoolean()).isTrue();
        assertThat(versionTwoBefore).doesNotContain("Pay carers properly");
        JsonNode conversation = footnote(v2, 3).get("conversation");
        assertThat(conversation.get("title").asText()).isEqualTo("Housing after care");
        assertThat(conversation.get("summary").get("text").asText()).isEqualTo("second");
        assertThat(footnote(v2, 4).get("idea").get("text").get("plain").asText()).isEqualTo("Pay carers a living wage");
        assertThat(footnote(v2, 4).get("wholeSection").asBoolean()).isTrue();
        // bo was erased keeping their words: the words, without the name
        assertThat(footnote(v2, 5).get("keyPoint").get("speaker").asText()).isEqualTo("an erased participant");
        assertThat(footnote(v2, 5).get("keyPoint").get("current").get("plain").asText()).isEqualTo("Smaller caseloads");
        // the original beside every edit, with the reason; who edited an anonymous point is for admins only
        JsonNode edited = footnote(v2, 6).get("keyPoint");
        assertThat(edited.get("original").get("plain").asText()).isEqualTo("More homes");
        assertThat(edited.get("edits")).extracting(e -> e.get("reason").asText()).containsExactly("clarity", "precision");
        assertThat(edited.get("edits").get(0).get("editedBy").isNull()).isTrue();
        assertThat(edited.get("current").get("plain").asText()).isEqualTo("More social homes for care leavers");

        // ana withdrew consent to be quoted after version 2: the latest version needs a correction
        assertThat(v2.get("correctionsNeeded")).singleElement().satisfies(correction -> {
            assertThat(correction.get("keyPointId").asText()).isEqualTo(P + "kp-1");
            assertThat(correction.get("change").asText()).isEqualTo("CONSENT_WITHDRAWN");
        });
        // the appendix: every cited voice with its conversations and groups
        JsonNode ana = voice(v2, "ANA");
        assertThat(ana.get("conversations")).extracting(c -> c.get("conversationId").asText())
                                            .containsExactly(P + "m-2");
        assertThat(ana.get("stakeholderGroups").get(0).get("name").asText()).isEqualTo("Care-experienced");
        assertThat(ana.get("footnotes").toString()).isEqualTo("[1]");
        assertThat(v2.get("voices")).extracting(v -> v.get("voice").asText())
                                    .contains("anonymous speakers", "written ideas", "an erased participant");
    }

    @Test
    void anAdminSeesWhoEditedAnAnonymousPoint() throws Exception {
        JsonNode v2 = json.readTree(mvc.perform(get(R + "/versions/2").with(SignedIn.as("admin")))
                                       .andExpect(status().isOk()).andReturn().getResponse()
                                       .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(footnote(v2, 6).get("keyPoint").get("edits")).extracting(e -> e.get("editedBy").asText())
                                                               .containsExactly("notetaker", "facilitator");
    }

    @Test
    void theDiffNamesSectionsAndCitationsThatCameInOrLeft() throws Exception {
        JsonNode diff = read(R + "/versions/2/diff");
        assertThat(diff.get("from").asText()).isEqualTo("1");
        assertThat(diff.get("to").asText()).isEqualTo("2");
        assertThat(diff.get("added").asInt()).isEqualTo(1);
        assertThat(diff.get("changed").asInt()).isEqualTo(1);
        JsonNode housing = diff.get("sections").get(0);
        assertThat(housing.get("change").asText()).isEqualTo("CHANGED");
        assertThat(housing.get("textChanged").asBoolean()).isTrue();
        assertThat(housing.get("headingChanged").asBoolean()).isFalse();
        assertThat(housing.get("citationsIn")).extracting(c -> c.get("targetId").asText())
                                              .containsExactly(P + "m-2", P + "idea-1");
        assertThat(housing.get("citationsOut")).isEmpty();
        assertThat(diff.get("sections").get(1).get("change").asText()).isEqualTo("ADDED");

        JsonNode back = read(R + "/versions/1/diff?from=2");
        assertThat(back.get("removed").asInt()).isEqualTo(1);
        assertThat(back.get("sections").get(0).get("citationsOut")).extracting(c -> c.get("targetId").asText())
                                                                   .containsExactly(P + "m-2", P + "idea-1");

        JsonNode draft = read(R + "/versions/draft/diff");
        assertThat(draft.get("from").asText()).isEqualTo("2");
        assertThat(draft.get("sections").get(0).get("headingChanged").asBoolean()).isTrue();
        assertThat(draft.get("sections").get(0).get("citationsIn")).extracting(c -> c.get("targetId").asText())
                                                                    .containsExactly(P + "kp-3");
        assertThat(read(R + "/versions/1/diff").get("added").asInt()).as("version 1 against nothing").isEqualTo(1);
        assertThat(read(R + "/versions/2/diff?from=2").get("unchanged").asInt()).isEqualTo(2);
    }

    @Test
    void eachSentenceLeadsToTheVoicesBehindIt() throws Exception {
        JsonNode sentences = read(R + "/versions/2/sections/" + P + "s-1/sentences");
        assertThat(sentences.get("sentences")).hasSize(3);
        assertThat(sentences.get("sentences").get(1).get("citations"))
                .extracting(c -> c.get("kind").asText() + c.get("number").asInt() + c.get("wholeSection").asBoolean())
                .containsExactly("THEME2false", "IDEA4true");

        JsonNode first = read(R + "/versions/2/sections/" + P + "s-1/sentences/1");
        assertThat(first.get("text").asText()).isEqualTo("Nobody told them where they would live.");
        assertThat(first.get("footnotes")).extracting(f -> f.get("number").asInt()).containsExactly(1, 4);
        assertThat(first.get("words")).extracting(w -> w.get("via").asText()).containsExactly("quoted", "written idea");
        assertThat(first.get("distinctVoices").asInt()).isEqualTo(2);
        assertThat(first.get("voicesByStakeholderGroup").toString())
                .isEqualTo("{\"" + P + "g-care\":1,\"" + P + "g-sw\":1}");
        assertThat(first.get("stakeholderGroupNames").get(P + "g-sw").asText()).isEqualTo("Social workers");

        // a conversation cited as a whole: the words its summary takes up (kp-3, said anonymously)
        JsonNode third = read(R + "/versions/2/sections/" + P + "s-1/sentences/3");
        assertThat(third.get("words")).extracting(w -> w.get("via").asText() + " " + (w.get("keyPoint").isNull()
                        ? "idea" : w.get("keyPoint").get("keyPointId").asText()))
                .containsExactly("summary of conversation " + P + "m-2 " + P + "kp-3", "written idea idea");
        assertThat(third.get("voicesByStakeholderGroup").toString())
                .isEqualTo("{\"anonymous\":1,\"" + P + "g-sw\":1}");

        // the draft is traced the same way
        JsonNode draft = read(R + "/versions/draft/sections/" + P + "s-1/sentences/1");
        assertThat(draft.get("words").get(0).get("keyPoint").get("keyPointId").asText()).isEqualTo(P + "kp-3");
    }

    @Test
    void unknownReportsVersionsAndSectionsAre404AndBadNumbers400() throws Exception {
        expect("/api/reports/" + P + "none", 404, null);
        expect(R + "/versions/9", 404, null);
        expect(R + "/versions/2/sections/" + P + "nope/sentences", 404, null);
        expect(R + "/versions/abc", 400, "version");
        expect(R + "/versions/0", 400, "version");
        expect(R + "/versions/-1", 400, "version");
        expect(R + "/versions/99999999999999999999", 400, "version");
        expect(R + "/versions/2/diff?from=x", 400, "from");
        expect(R + "/versions/2/diff?from=9", 404, null);
        expect(R + "/versions/2/sections/" + P + "s-1/sentences/0", 400, "sentence");
        expect(R + "/versions/2/sections/" + P + "s-1/sentences/4", 400, "sentence");
        expect(R + "/versions/2/sections/" + P + "s-1/sentences/one", 400, "sentence");
        expect("/api/exports/reports/" + P + "r/versions/9.pdf", 404, null);
        mvc.perform(get(R + "/versions/2").with(SignedIn.as("participant"))).andExpect(status().isForbidden());
    }

    @Test
    void theHtmlExportIsTheWholeDocument() throws Exception {
        MvcResult result = mvc.perform(get("/api/exports/reports/" + P + "r/versions/2.html")
                                               .with(SignedIn.as("reviewer")))
                              .andExpect(status().isOk())
                              .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML)).andReturn();
        String html = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("<h1>Final report</h1>", "Version 2", "1. Housing", "2. Pay",
                                  "<li id=\"fn-1\">", "Nobody told me where I would live",
                                  "Appendix: the voices cited", "children´s", "مرحبا")
                        .doesNotContain("[^1]", "Pay carers properly");
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("style-src 'self' 'unsafe-inline'");
    }

    @Test
    void thePdfExportReadsBackWithSectionsFootnotesAndAppendix() throws Exception {
        byte[] pdf = mvc.perform(get("/api/exports/reports/" + P + "r/versions/2.pdf").with(SignedIn.as("reviewer")))
                        .andExpect(status().isOk())
                        .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                        .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3); // title page, sections, appendix
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Final report", "1. Housing", "2. Pay", "Nobody told them where they would live",
                                      "Nobody told me where I would live", "Appendix: the voices cited", "ANA",
                                      "Care-experienced", "children´s social workers")
                            .doesNotContain("Pay carers properly");
            assertThat(text).as("the Arabic sentence is printed, not dropped").containsPattern("[\\u0600-\\u06FF]{3}");
        }
    }

    @Test
    void aRebuildGivesTheSameDocuments() throws Exception {
        Processors.awaitCaughtUp(processing, engine);
        String live = ContentHash.of(database, ReadModel.REPORT, generations.active(ReadModel.REPORT));
        String before = body(R + "/versions/2");
        ReplayStatus rebuilt = replays.rebuild(ReadModel.REPORT);
        assertThat(rebuilt.contentHashes().get(ReadModel.REPORT.id())).isEqualTo(live);
        assertThat(body(R + "/versions/2")).isEqualTo(before);
        assertThat(body(R + "/versions/1")).isEqualTo(versionOneBefore);
    }

    private static JsonNode footnote(JsonNode document, int number) {
        for (JsonNode footnote : document.get("footnotes")) {
            if (footnote.get("number").asInt() == number) {
                return footnote;
            }
        }
        throw new AssertionError("no footnote " + number);
    }

    private static JsonNode voice(JsonNode document, String label) {
        for (JsonNode voice : document.get("voices")) {
            if (voice.get("voice").asText().equals(label)) {
                return voice;
            }
        }
        throw new AssertionError("no voice " + label + " in " + document.get("voices"));
    }

    private void expect(String url, int status, String field) throws Exception {
        var result = mvc.perform(get(url).with(SignedIn.as("reviewer"))).andExpect(status().is(status))
                        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[0].field").value(field));
        }
    }

    private JsonNode read(String url) throws Exception {
        return json.readTree(body(url));
    }

    private String body(String url) throws Exception {
        return mvc.perform(get(url).with(SignedIn.as("reviewer"))).andExpect(status().isOk()).andReturn()
                  .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void publish(List<Object> events) {
        eventStore.publish(feed.messages(events.toArray()).toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }
}
