package org.consultationtracker.query.provenance;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.eventstore.privacy.KeyVault;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.UnknownId;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The W3C PROV exports of a small consultation: two participants, an anonymous point, edits, a summary, a theme tag,
 * two versions of a report with two sections each, a second report whose one section cites two plenary contributions
 * (the speaker's, and an anonymous one) and a third participant's feedback on the session, then one speaker erased
 * with their words. Every PROV-JSON export
 * is validated against the PROV-JSON schema; the PROV-O exports are expanded as JSON-LD against the shipped context
 * with a loader that refuses to fetch anything.
 *
 * <p>No PROV library from Maven Central resolved (ProvToolbox's prov-json and prov-interop were tried), so the
 * read-back is the schema and the JSON-LD expansion.
 */
@QuerySideTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvenanceExportTest {

    private static final String P = "prov-";
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ANA_SAID = "Nobody told me where I would live";
    private static final String ANA_EDITED = "Nobody told me where I would live after care";
    private static final String BO_SAID = "Carers are paid too little";
    private static final String ANA = "Heron-Green";
    private static final String BO = "Otter-Blue";
    private static final String BO_ADDED = "Nobody visits the carers at night";
    private static final String CY = "Wren-Gold";
    private static final String CY_FELT = "It was good to be asked";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProvenanceQueries provenance;
    @Autowired
    KeyVault vault;
    @Autowired
    MongoDatabase database;
    @Autowired
    Replays replays;
    @Autowired
    Generations generations;

    private final EventFeed feed = new EventFeed();
    private JsonSchema schema;
    /** Version 1 as exported before bo's erasure: bo's words were still there. */
    private ObjectNode versionOneBeforeErasure;
    /** The version citing plenary contributions and feedback, as exported before bo's erasure. */
    private ObjectNode voicesBeforeErasure;

    @BeforeAll
    void tellTheStory() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/provenance/prov-json-schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        for (String name : List.of("ana", "bo", "cy")) {
            vault.createKey(P + name + "/words", P + name, "words");
        }
        publish(registered("ana", ANA), registered("bo", BO),
                new ConversationStarted(P + "conv", P + "agenda", 1, "Room 1", P + "ana", at(0)),
                new KeyPointRecorded(P + "conv", P + "kp-ana", KeyPointKind.PROBLEM, sealed("ana", ANA_SAID), true,
                                     P + "ana", "notetaker", at(5)),
                new KeyPointRecorded(P + "conv", P + "kp-bo", KeyPointKind.PROBLEM, sealed("bo", BO_SAID), true,
                                     P + "bo", "notetaker", at(6)),
                new KeyPointRecorded(P + "conv", P + "kp-anon", KeyPointKind.SOLUTION, Wording.plain("More homes"),
                                     false, null, "notetaker", at(7)),
                new KeyPointEdited(P + "conv", P + "kp-ana", sealed("ana", ANA_EDITED), "clarity", "notetaker",
                                   at(8)),
                new KeyPointEdited(P + "conv", P + "kp-anon", Wording.plain("More social homes"), "precision",
                                   "facilitator", at(9)),
                new ConversationSummarised(P + "conv", "Homes and pay", List.of(P + "kp-anon", P + "kp-bo"),
                                           "notetaker", at(20)));
        feed.as("reviewer-kim", "REVIEWER");
        publish(new ReportStarted(P + "r", P + "c", "Final report", at(30)),
                new ThemeIdentified(P + "r", P + "t-housing", "Housing", "Homes after care", at(31)),
                new KeyPointTagged(P + "r", P + "t-housing", P + "kp-anon", P + "conv", at(32)),
                new ReportSectionWritten(P + "r", P + "s-1", 1, "Housing", "Where care leavers live",
                                         List.of(quote("kp-ana"), new Citation(CitationKind.THEME, P + "t-housing")),
                                         at(33)),
                new ReportSectionWritten(P + "r", P + "s-2", 2, "Pay", "\"" + BO_SAID + "\", one carer said",
                                         List.of(quote("kp-bo"), new Citation(CitationKind.CONVERSATION,
                                                                              P + "conv")), at(34)),
                version(1, "\"" + BO_SAID + "\", one carer said", List.of(quote("kp-bo"),
                        new Citation(CitationKind.CONVERSATION, P + "conv")), at(35)),
                new ReportSectionWritten(P + "r", P + "s-2", 2, "Pay", "Carers are underpaid",
                                         List.of(new Citation(CitationKind.KEY_POINT, P + "kp-bo")), at(36)),
                version(2, "Carers are underpaid", List.of(new Citation(CitationKind.KEY_POINT, P + "kp-bo")),
                        at(37)));
        feed.as("notetaker", "NOTE_TAKER");
        publish(registered("cy", CY),
                new PlenaryContributionRecorded(P + "conv", P + "pc-bo", P + "bo", sealed("bo", BO_ADDED), at(40)),
                new PlenaryContributionRecorded(P + "conv", P + "pc-anon", null, Wording.plain("Same in our area"),
                                                at(41)),
                new SessionFeedbackGiven(P + "c", P + "session", P + "fb-cy", P + "cy", sealed("cy", CY_FELT), true,
                                         at(42)));
        feed.as("reviewer-kim", "REVIEWER");
        List<Citation> voices = List.of(new Citation(CitationKind.PLENARY_CONTRIBUTION, P + "pc-bo"),
                                        new Citation(CitationKind.PLENARY_CONTRIBUTION, P + "pc-anon"),
                                        new Citation(CitationKind.SESSION_FEEDBACK, P + "fb-cy"));
        publish(new ReportStarted(P + "r-voices", P + "c", "Voices", at(43)),
                new ReportSectionWritten(P + "r-voices", P + "s-voices", 1, "Nights", "Nobody comes at night",
                                         voices, at(44)),
                new ReportPublished(P + "r-voices", 1, null, List.of(
                        new PublishedSection(P + "s-voices", 1, "Nights", "Nobody comes at night", voices)), at(45)));
        versionOneBeforeErasure = provenance.version(P + "r", 1, ProvenanceFormat.PROV_JSON);
        voicesBeforeErasure = provenance.version(P + "r-voices", 1, ProvenanceFormat.PROV_JSON);
        vault.destroy(P + "bo/words");
        feed.as("facilitator-1", "FACILITATOR");
        publish(new ParticipantErased(P + "bo", ContributionPolicy.WITHDRAW_WORDS, ErasureRequester.THE_PARTICIPANT,
                                      "asked in the app", null, at(60)));
    }

    @Test
    void everyExportIsValidPROVJSON() {
        for (ObjectNode export : List.of(versionOneBeforeErasure, voicesBeforeErasure,
                                         provenance.version(P + "r-voices", 1, ProvenanceFormat.PROV_JSON),
                                         provenance.section(P + "r-voices", 1, P + "s-voices",
                                                            ProvenanceFormat.PROV_JSON),
                                         provenance.participant(P + "cy", ProvenanceFormat.PROV_JSON),
                                         provenance.version(P + "r", 1, ProvenanceFormat.PROV_JSON),
                                         provenance.version(P + "r", 2, ProvenanceFormat.PROV_JSON),
                                         provenance.section(P + "r", 2, P + "s-1", ProvenanceFormat.PROV_JSON),
                                         provenance.participant(P + "ana", ProvenanceFormat.PROV_JSON),
                                         provenance.participant(P + "bo", ProvenanceFormat.PROV_JSON))) {
            Set<ValidationMessage> problems = schema.validate(export);
            assertThat(problems).as(export.toPrettyString()).isEmpty();
        }
        // the schema does hold an export to the format: a relation without its required arguments is refused
        ObjectNode broken = provenance.version(P + "r", 2, ProvenanceFormat.PROV_JSON);
        ((ObjectNode) broken.get("wasDerivedFrom").elements().next()).remove("prov:usedEntity");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void aPublishedVersionWithTwoSectionsRevisesTheVersionBefore() {
        ObjectNode v2 = provenance.version(P + "r", 2, ProvenanceFormat.PROV_JSON);
        String version2 = only(v2, "entity", attribute("ct:version", 2));
        String version1 = only(v2, "entity", attribute("ct:version", 1));
        assertThat(version2).startsWith("ct:version-");
        assertThat(relations(v2, "wasDerivedFrom", r -> r.path("prov:generatedEntity").asText().equals(version2)
                && r.path("prov:usedEntity").asText().equals(version1)))
                .singleElement()
                .satisfies(r -> assertThat(r.path("prov:type").path("$").asText()).isEqualTo("prov:Revision"));
        List<JsonNode> sections = relations(v2, "wasDerivedFrom",
                                            r -> r.path("prov:generatedEntity").asText().equals(version2)
                                                    && !r.path("prov:usedEntity").asText().equals(version1));
        assertThat(sections).hasSize(2);
        List<String> sectionIds = sections.stream()
                                          .map(r -> v2.path("entity").path(r.path("prov:usedEntity").asText())
                                                      .path("ct:sectionId").asText()).toList();
        assertThat(sectionIds).containsExactlyInAnyOrder(P + "s-1", P + "s-2");
        // the publishing activity generated the version, used both sections and was done by a reviewer for the team
        String publishing = relations(v2, "wasGeneratedBy", r -> r.path("prov:entity").asText().equals(version2))
                .get(0).path("prov:activity").asText();
        assertThat(relations(v2, "used", r -> r.path("prov:activity").asText().equals(publishing))).hasSize(2);
        assertThat(relations(v2, "wasAssociatedWith", r -> r.path("prov:activity").asText().equals(publishing)))
                .extracting(r -> r.path("prov:agent").asText()).containsExactly("ct:user-reviewer-kim");
        assertThat(relations(v2, "actedOnBehalfOf", r -> r.path("prov:delegate").asText()
                .equals("ct:user-reviewer-kim"))).extracting(r -> r.path("prov:responsible").asText())
                                                 .containsExactly("ct:review-team");
        // section 2 of version 2 is its second write, not the one version 1 published
        String s2v1 = sectionEntity(provenance.version(P + "r", 1, ProvenanceFormat.PROV_JSON), P + "s-2");
        String s2v2 = sectionEntity(v2, P + "s-2");
        assertThat(s2v2).isNotEqualTo(s2v1);
        assertThat(v2.path("entity").path(s2v2).path("prov:value").asText()).isEqualTo("Carers are underpaid");
    }

    @Test
    void anEditedKeyPointIsDerivedFromItsOriginalAndTheSectionFromTheEdit() {
        ObjectNode v1 = provenance.version(P + "r", 1, ProvenanceFormat.PROV_JSON);
        String record = only(v1, "entity", attribute("ct:keyPointId", P + "kp-ana"));
        long recorded = v1.path("entity").path(record).path("ct:position").asLong();
        String original = "ct:words-" + recorded;
        assertThat(v1.path("entity").path(original).path("prov:value").asText()).isEqualTo(ANA_SAID);
        String edit = only(v1, "entity", e -> e.path("prov:value").asText().equals(ANA_EDITED));
        assertThat(edit).startsWith("ct:edit-");
        assertThat(relations(v1, "wasDerivedFrom", r -> r.path("prov:generatedEntity").asText().equals(edit)))
                .extracting(r -> r.path("prov:usedEntity").asText()).containsExactly(original);
        assertThat(relations(v1, "specializationOf", r -> r.path("prov:specificEntity").asText().equals(edit)))
                .extracting(r -> r.path("prov:generalEntity").asText()).containsExactly(record);
        // the editing activity used the original and is associated with the note-taker who edited
        String editing = relations(v1, "wasGeneratedBy", r -> r.path("prov:entity").asText().equals(edit))
                .get(0).path("prov:activity").asText();
        assertThat(relations(v1, "used", r -> r.path("prov:activity").asText().equals(editing)))
                .extracting(r -> r.path("prov:entity").asText()).containsExactly(original);
        // the section was written after the edit: it derives from the edited text, and the words are ana's
        String s1 = sectionEntity(v1, P + "s-1");
        assertThat(relations(v1, "wasDerivedFrom", r -> r.path("prov:generatedEntity").asText().equals(s1)))
                .extracting(r -> r.path("prov:usedEntity").asText()).contains(edit).doesNotContain(original);
        String speaker = relations(v1, "wasAttributedTo", r -> r.path("prov:entity").asText().equals(original))
                .get(0).path("prov:agent").asText();
        assertThat(v1.path("agent").path(speaker).path("prov:label").asText()).isEqualTo(ANA);
        // the theme citation: the section derives from the tag, the tag from the anonymous point as then edited
        String tag = only(v1, "entity", attribute("ct:themeId", P + "t-housing"));
        assertThat(relations(v1, "wasDerivedFrom", r -> r.path("prov:generatedEntity").asText().equals(s1)))
                .extracting(r -> r.path("prov:usedEntity").asText()).contains(tag);
        String anonymousEdit = only(v1, "entity", e -> e.path("prov:value").asText().equals("More social homes"));
        assertThat(relations(v1, "wasDerivedFrom", r -> r.path("prov:generatedEntity").asText().equals(tag)))
                .extracting(r -> r.path("prov:usedEntity").asText()).containsExactly(anonymousEdit);
        // who typed or edited the anonymous point is not shown to a reader who is not an admin
        String anonymousRecord = only(v1, "entity", attribute("ct:keyPointId", P + "kp-anon"));
        assertThat(relations(v1, "wasAttributedTo", r -> r.path("prov:entity").asText().equals(anonymousRecord)
                || r.path("prov:entity").asText().equals(anonymousEdit))).isEmpty();
    }

    @Test
    void anErasedParticipantsWordsAndPseudonymNeverAppear() {
        // before the erasure they were there: the checks below can fail
        assertThat(versionOneBeforeErasure.toString()).contains(BO_SAID, BO);

        List<ObjectNode> exports = List.of(provenance.version(P + "r", 1, ProvenanceFormat.PROV_JSON),
                                           provenance.version(P + "r", 2, ProvenanceFormat.PROV_JSON),
                                           provenance.version(P + "r", 1, ProvenanceFormat.PROV_O),
                                           provenance.section(P + "r", 1, P + "s-2", ProvenanceFormat.PROV_JSON),
                                           provenance.participant(P + "bo", ProvenanceFormat.PROV_JSON),
                                           provenance.participant(P + "bo", ProvenanceFormat.PROV_O));
        for (ObjectNode export : exports) {
            assertThat(export.toString()).doesNotContain(BO_SAID).doesNotContain(BO);
        }
        ObjectNode v1 = exports.get(0);
        String record = only(v1, "entity", attribute("ct:keyPointId", P + "kp-bo"));
        String words = "ct:words-" + v1.path("entity").path(record).path("ct:position").asLong();
        assertThat(v1.path("entity").path(words).path("ct:textWithheld").asText()).isEqualTo("speaker erased");
        assertThat(relations(v1, "wasAttributedTo", r -> r.path("prov:entity").asText().equals(words)))
                .extracting(r -> r.path("prov:agent").asText()).containsExactly(ProvenanceGraph.ERASED);
        // the section of version 1 that quoted bo keeps its place, without its text
        String s2 = sectionEntity(v1, P + "s-2");
        assertThat(v1.path("entity").path(s2).has("prov:value")).isFalse();
        assertThat(v1.path("entity").path(s2).path("ct:textWithheld").asText())
                .isEqualTo("the section quotes an erased participant");
    }

    @Test
    void aSectionCitingPlenaryContributionsAndFeedbackDerivesFromThem() {
        ObjectNode voices = provenance.version(P + "r-voices", 1, ProvenanceFormat.PROV_JSON);
        String section = sectionEntity(voices, P + "s-voices");
        String writing = relations(voices, "wasGeneratedBy", r -> r.path("prov:entity").asText().equals(section))
                .get(0).path("prov:activity").asText();
        String spoken = only(voices, "entity", attribute("ct:contributionId", P + "pc-bo"));
        String anonymous = only(voices, "entity", attribute("ct:contributionId", P + "pc-anon"));
        String feedback = only(voices, "entity", attribute("ct:feedbackId", P + "fb-cy"));
        assertThat(relations(voices, "wasDerivedFrom", r -> r.path("prov:generatedEntity").asText().equals(section)))
                .extracting(r -> r.path("prov:usedEntity").asText())
                .containsExactlyInAnyOrder(spoken, anonymous, feedback);
        assertThat(relations(voices, "used", r -> r.path("prov:activity").asText().equals(writing)))
                .extracting(r -> r.path("prov:entity").asText())
                .containsExactlyInAnyOrder(spoken, anonymous, feedback);
        assertThat(voices.path("entity").path(section).path("ct:citation")).hasSize(3);
        // both contributions were made in the conversation: its activity generated them
        for (String contribution : List.of(spoken, anonymous)) {
            assertThat(voices.path("entity").path(contribution).path("prov:type").path("$").asText())
                    .isEqualTo("ct:PlenaryContribution");
            assertThat(relations(voices, "wasGeneratedBy", r -> r.path("prov:entity").asText().equals(contribution)))
                    .extracting(r -> r.path("prov:activity").asText()).singleElement()
                    .satisfies(activity -> assertThat(voices.path("activity").path(activity)
                                                            .path("ct:conversationId").asText())
                            .isEqualTo(P + "conv"));
        }
        assertThat(voices.path("entity").path(anonymous).path("prov:value").asText()).isEqualTo("Same in our area");
        assertThat(relations(voices, "wasAttributedTo", r -> r.path("prov:entity").asText().equals(anonymous)))
                .isEmpty();
        // the feedback belongs to no conversation; it is cy's, by pseudonym, in her words
        assertThat(voices.path("entity").path(feedback).path("prov:type").path("$").asText())
                .isEqualTo("ct:SessionFeedback");
        assertThat(voices.path("entity").path(feedback).path("ct:sessionId").asText()).isEqualTo(P + "session");
        assertThat(voices.path("entity").path(feedback).path("prov:value").asText()).isEqualTo(CY_FELT);
        assertThat(relations(voices, "wasGeneratedBy", r -> r.path("prov:entity").asText().equals(feedback)))
                .isEmpty();
        String giver = relations(voices, "wasAttributedTo", r -> r.path("prov:entity").asText().equals(feedback))
                .get(0).path("prov:agent").asText();
        assertThat(voices.path("agent").path(giver).path("prov:label").asText()).isEqualTo(CY);
        // each is named by its event's position and sealed with its commit's chain hash
        for (String entity : List.of(spoken, anonymous, feedback)) {
            JsonNode node = voices.path("entity").path(entity);
            long position = node.path("ct:position").asLong(-1);
            assertThat(entity).endsWith("-" + position);
            org.bson.Document commit = database.getCollection(CommitLayout.COMMITS_COLLECTION)
                                               .find(eq(CommitLayout.POSITIONS, position)).first();
            assertThat(commit).as(entity).isNotNull();
            assertThat(node.path("ct:chainHash").asText()).isEqualTo(commit.getString(CommitLayout.HASH));
            assertThat(node.path("ct:commit").asLong()).isEqualTo(commit.get("_id", Number.class).longValue());
            assertThat(node.path("ct:chainHashVerified").asBoolean()).isTrue();
        }
        // cy's own export follows her feedback to the section; bo's follows his contribution without its words
        ObjectNode cy = provenance.participant(P + "cy", ProvenanceFormat.PROV_JSON);
        assertThat(entities(cy, attribute("ct:feedbackId", P + "fb-cy"))).hasSize(1);
        assertThat(entities(cy, attribute("ct:contributionId", P + "pc-anon"))).isEmpty();
        String cySection = only(cy, "entity", attribute("ct:sectionId", P + "s-voices"));
        assertThat(relations(cy, "wasDerivedFrom", r -> r.path("prov:generatedEntity").asText().equals(cySection)))
                .extracting(r -> r.path("prov:usedEntity").asText()).singleElement()
                .satisfies(used -> assertThat(used).startsWith("ct:feedback-"));
        ObjectNode bo = provenance.participant(P + "bo", ProvenanceFormat.PROV_JSON);
        assertThat(entities(bo, attribute("ct:contributionId", P + "pc-bo"))).hasSize(1);
        assertThat(entities(bo, attribute("ct:sectionId", P + "s-voices"))).hasSize(1);
    }

    @Test
    void anErasedContributorsPlenaryWordsNeverAppear() {
        // before the erasure they were there, attributed to bo by pseudonym: the checks below can fail
        String before = only(voicesBeforeErasure, "entity", attribute("ct:contributionId", P + "pc-bo"));
        assertThat(voicesBeforeErasure.path("entity").path(before).path("prov:value").asText()).isEqualTo(BO_ADDED);
        String speaker = relations(voicesBeforeErasure, "wasAttributedTo",
                                   r -> r.path("prov:entity").asText().equals(before)).get(0).path("prov:agent")
                                                                                          .asText();
        assertThat(voicesBeforeErasure.path("agent").path(speaker).path("prov:label").asText()).isEqualTo(BO);

        List<ObjectNode> exports = List.of(provenance.version(P + "r-voices", 1, ProvenanceFormat.PROV_JSON),
                                           provenance.version(P + "r-voices", 1, ProvenanceFormat.PROV_O),
                                           provenance.section(P + "r-voices", 1, P + "s-voices",
                                                              ProvenanceFormat.PROV_JSON),
                                           provenance.participant(P + "bo", ProvenanceFormat.PROV_JSON),
                                           provenance.participant(P + "bo", ProvenanceFormat.PROV_O));
        for (ObjectNode export : exports) {
            assertThat(export.toString()).doesNotContain(BO_ADDED).doesNotContain(BO);
        }
        ObjectNode voices = exports.get(0);
        String contribution = only(voices, "entity", attribute("ct:contributionId", P + "pc-bo"));
        assertThat(voices.path("entity").path(contribution).path("ct:textWithheld").asText())
                .isEqualTo("speaker erased");
        assertThat(relations(voices, "wasAttributedTo", r -> r.path("prov:entity").asText().equals(contribution)))
                .extracting(r -> r.path("prov:agent").asText()).containsExactly(ProvenanceGraph.ERASED);
        // the others' words stay: the section cites bo's contribution as evidence, it does not quote it
        assertThat(voices.toString()).contains(CY_FELT, "Same in our area", "Nobody comes at night");
    }

    @Test
    void aParticipantsExportFollowsOnlyTheirOwnContributions() {
        ObjectNode ana = provenance.participant(P + "ana", ProvenanceFormat.PROV_JSON);
        assertThat(ana.toString()).contains(ANA_SAID, ANA_EDITED, ANA).doesNotContain("More social homes");
        assertThat(entities(ana, attribute("ct:keyPointId", P + "kp-bo"))).isEmpty();
        // section 1 quotes her in both versions; section 2 of version 1 cites her conversation as a whole: its
        // writing was informed by the conversation, and nothing of anybody else's is followed from there
        List<String> sections = entities(ana, e -> e.has("ct:sectionId")).stream()
                .map(id -> ana.path("entity").path(id).path("ct:sectionId").asText()).distinct().toList();
        assertThat(sections).containsExactlyInAnyOrder(P + "s-1", P + "s-2");
        String s2 = only(ana, "entity", attribute("ct:sectionId", P + "s-2"));
        String writing = relations(ana, "wasGeneratedBy", r -> r.path("prov:entity").asText().equals(s2))
                .get(0).path("prov:activity").asText();
        assertThat(relations(ana, "wasInformedBy", r -> r.path("prov:informed").asText().equals(writing)))
                .extracting(r -> r.path("prov:informant").asText()).singleElement()
                .satisfies(conversation -> assertThat(conversation).startsWith("ct:conversation-"));
        assertThat(relations(ana, "wasDerivedFrom", r -> r.path("prov:generatedEntity").asText().equals(s2)))
                .isEmpty();
        assertThat(entities(ana, e -> e.has("ct:version") && e.path("prov:type").path("$").asText()
                .equals("ct:ReportVersion"))).hasSizeGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> provenance.participant(P + "nobody", ProvenanceFormat.PROV_JSON))
                .isInstanceOf(UnknownId.class);
    }

    @Test
    void everyNodeFromAnEventCarriesItsPositionAndTheChainHashOfItsCommit() {
        ObjectNode v2 = provenance.version(P + "r", 2, ProvenanceFormat.PROV_JSON);
        int checked = 0;
        for (String kind : List.of("entity", "activity")) {
            Iterator<Map.Entry<String, JsonNode>> nodes = v2.path(kind).fields();
            while (nodes.hasNext()) {
                Map.Entry<String, JsonNode> node = nodes.next();
                long position = node.getValue().path("ct:position").asLong(-1);
                assertThat(position).as(node.getKey()).isPositive();
                assertThat(node.getKey()).as("identifiers are event positions").endsWith("-" + position);
                org.bson.Document commit = database.getCollection(CommitLayout.COMMITS_COLLECTION)
                                                   .find(eq(CommitLayout.POSITIONS, position)).first();
                assertThat(commit).as(node.getKey()).isNotNull();
                assertThat(node.getValue().path("ct:chainHash").asText()).as(node.getKey())
                                                                        .isEqualTo(commit.getString(CommitLayout.HASH))
                                                                        .hasSize(64);
                assertThat(node.getValue().path("ct:commit").asLong()).isEqualTo(commit.get("_id", Number.class)
                                                                                       .longValue());
                assertThat(node.getValue().path("ct:chainHashVerified").asBoolean()).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void theProvOExportExpandsAsJsonLdWithoutFetchingAnything() throws Exception {
        ObjectNode v2 = provenance.version(P + "r", 2, ProvenanceFormat.PROV_O);
        DocumentLoader offline = (url, options) -> {
            throw new JsonLdError(com.apicatalog.jsonld.JsonLdErrorCode.LOADING_DOCUMENT_FAILED,
                                  "nothing may be fetched: " + url);
        };
        JsonArray expanded = JsonLd.expand(JsonDocument.of(new StringReader(v2.toString()))).loader(offline).get();
        String prov = "http://www.w3.org/ns/prov#";
        JsonObject version2 = null;
        for (JsonValue value : expanded) {
            JsonObject node = value.asJsonObject();
            if (node.containsKey(prov + "wasRevisionOf")) {
                version2 = node;
            }
        }
        assertThat(version2).as("a version revising another").isNotNull();
        assertThat(version2.getJsonArray("@type").toString()).contains(prov + "Entity",
                                                                        "urn:consultation-tracker:prov:ReportVersion");
        assertThat(version2.getJsonArray(prov + "wasDerivedFrom")).hasSize(2);
        assertThat(version2.getJsonArray(prov + "wasRevisionOf").getJsonObject(0).getString("@id"))
                .startsWith("urn:consultation-tracker:prov:version-");
        // the context the export carries is the one shipped with the service
        assertThat(v2.get("@context")).isEqualTo(ProvOJsonLd.context().get("@context"));
    }

    @Test
    void unknownReportsVersionsAndSectionsAreUnknown() {
        assertThatThrownBy(() -> provenance.version(P + "none", 1, ProvenanceFormat.PROV_JSON))
                .isInstanceOf(UnknownId.class).hasMessageContaining("report");
        assertThatThrownBy(() -> provenance.version(P + "r", 3, ProvenanceFormat.PROV_JSON))
                .isInstanceOf(UnknownId.class);
        assertThatThrownBy(() -> provenance.section(P + "r", 1, P + "s-9", ProvenanceFormat.PROV_JSON))
                .isInstanceOf(UnknownId.class);
    }

    @Test
    void aRebuildGivesTheDocumentsTheLiveProcessorWrote() {
        Processors.awaitCaughtUp(processing, engine);
        String live = ContentHash.of(database, ReadModel.PROVENANCE, generations.active(ReadModel.PROVENANCE));
        ObjectNode before = provenance.version(P + "r", 2, ProvenanceFormat.PROV_JSON);
        ObjectNode voicesBefore = provenance.version(P + "r-voices", 1, ProvenanceFormat.PROV_JSON);
        ReplayStatus rebuilt = replays.rebuild(ReadModel.PROVENANCE);
        assertThat(rebuilt.contentHashes().get(ReadModel.PROVENANCE.id())).isEqualTo(live);
        assertThat(provenance.version(P + "r", 2, ProvenanceFormat.PROV_JSON)).isEqualTo(before);
        assertThat(provenance.version(P + "r-voices", 1, ProvenanceFormat.PROV_JSON)).isEqualTo(voicesBefore);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Predicate<JsonNode> attribute(String name, Object value) {
        return node -> node.has(name) && node.get(name).asText().equals(String.valueOf(value));
    }

    private static List<String> entities(ObjectNode document, Predicate<JsonNode> test) {
        List<String> ids = new ArrayList<>();
        document.path("entity").fields().forEachRemaining(e -> {
            if (test.test(e.getValue())) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    private static String only(ObjectNode document, String kind, Predicate<JsonNode> test) {
        List<String> ids = new ArrayList<>();
        document.path(kind).fields().forEachRemaining(e -> {
            if (test.test(e.getValue())) {
                ids.add(e.getKey());
            }
        });
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private static List<JsonNode> relations(ObjectNode document, String relation, Predicate<JsonNode> test) {
        List<JsonNode> found = new ArrayList<>();
        document.path(relation).elements().forEachRemaining(r -> {
            if (test.test(r)) {
                found.add(r);
            }
        });
        return found;
    }

    private static String sectionEntity(ObjectNode document, String sectionId) {
        return only(document, "entity", attribute("ct:sectionId", sectionId));
    }

    private ReportPublished version(int number, String secondText, List<Citation> secondCitations, Instant at) {
        return new ReportPublished(P + "r", number, number == 1 ? null : "Pay rewritten", List.of(
                new PublishedSection(P + "s-1", 1, "Housing", "Where care leavers live",
                                     List.of(quote("kp-ana"), new Citation(CitationKind.THEME, P + "t-housing"))),
                new PublishedSection(P + "s-2", 2, "Pay", secondText, secondCitations)), at);
    }

    private static Citation quote(String keyPoint) {
        return new Citation(CitationKind.QUOTE, P + keyPoint);
    }

    private static ParticipantRegistered registered(String name, String pseudonym) {
        return new ParticipantRegistered(P + name, P + "c", pseudonym, List.of(P + "g"), AgeBand.AGED_18_TO_25,
                                         new EncryptedValue(P + name + "/identity", "aXY=", "eA=="), null, null, T);
    }

    private Wording sealed(String name, String words) {
        KeyVault.Sealed sealed = vault.seal(P + name + "/words", words).orElseThrow();
        return Wording.encrypted(new EncryptedValue(sealed.keyId(), sealed.iv(), sealed.ciphertext()));
    }

    private static Instant at(int minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }

    private void publish(Object... payloads) {
        eventStore.publish(feed.messages(payloads).toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }
}
