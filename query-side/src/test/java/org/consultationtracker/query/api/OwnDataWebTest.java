package org.consultationtracker.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.eventstore.privacy.KeyVault;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A participant's own data on the query side: their voice trail lists every kind of contribution with its fate, the
 * export holds the same, and a participant account reads nothing of anybody else.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnDataWebTest {

    private static final String P = "own-";
    private static final String ANA = P + "ana";
    private static final String BEN = P + "ben";
    private static final String CY = P + "cy";
    private static final String DEE = P + "dee";
    private static final String SESSION = P + "session";
    private static final String AGENDA = P + "create";
    private static final Instant T = Instant.parse("2024-05-01T09:00:00Z");

    private static final RequestPostProcessor ANA_ACCOUNT = as("ana", "PARTICIPANT", ANA);
    private static final RequestPostProcessor UNLINKED = as("lee", "PARTICIPANT", null);
    private static final RequestPostProcessor ADMIN = as("ada", "ADMIN", null);
    private static final RequestPostProcessor REVIEWER = as("rey", "REVIEWER", null);
    private static final RequestPostProcessor FACILITATOR = as("fay", "FACILITATOR", null);

    @Autowired
    MockMvc mvc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    KeyVault vault;
    @Autowired
    Replays replays;

    private static RequestPostProcessor as(String username, String role, String participantId) {
        return authentication(new AccountAuthentication(
                new Account(username, Set.of(role), participantId, Account.LOCAL)));
    }

    @BeforeAll
    void history() {
        EventFeed feed = new EventFeed();
        vault.createKey(DEE + "/words", DEE, "words");
        KeyVault.Sealed deeWords = vault.seal(DEE + "/words", "Dee's own words on the day").orElseThrow();
        List<Object> events = new ArrayList<>(List.of(
                new StakeholderGroupDefined(P + "c", P + "young", "Care-experienced young people", T),
                registered(ANA, "Ana"), registered(BEN, "Ben"), registered(CY, "Cy"),
                new ConsentGiven(ANA, ConsentPurpose.TAKE_PART, T),
                new ConsentGiven(ANA, ConsentPurpose.BE_QUOTED, T.plusSeconds(1)),
                new ConsentWithdrawn(ANA, ConsentPurpose.BE_QUOTED, T.plusSeconds(2)),
                // proposals: one held, one merged with Ben's, one withdrawn
                new ConversationProposed(AGENDA, P + "pr-held", ANA, Wording.plain("How do we keep siblings together?"),
                                         Wording.plain("pitch"),
                                         T.plusSeconds(10)),
                new ConversationProposed(AGENDA, P + "pr-merged", ANA, Wording.plain("Who listens to us?"), null, T.plusSeconds(11)),
                new ConversationProposed(AGENDA, P + "pr-ben", BEN, Wording.plain("Ben's secret question"), null, T.plusSeconds(12)),
                new ConversationProposed(AGENDA, P + "pr-gone", ANA, Wording.plain("A question dropped"), null, T.plusSeconds(13)),
                new ProposalsMerged(AGENDA, P + "pr-ben", List.of(P + "pr-merged", P + "pr-ben"), "Being heard",
                                    "same theme", List.of(ANA, BEN), List.of(BEN), T.plusSeconds(20)),
                new ProposalWithdrawn(AGENDA, P + "pr-gone", "covered elsewhere", T.plusSeconds(21)),
                new ConversationScheduled(AGENDA, P + "pr-held", 1, "3", List.of(ANA),
                                          Wording.plain("How do we keep siblings together?"), T.plusSeconds(30)),
                new ConversationScheduled(AGENDA, P + "pr-ben", 1, "4", List.of(BEN), Wording.plain("Being heard"),
                                          T.plusSeconds(31)),
                new ConversationStarted(P + "pr-held", AGENDA, 1, "3", ANA, T.plusSeconds(60)),
                // key points: one edited and cited, one retracted, one of Ben's
                new KeyPointRecorded(P + "pr-held", P + "kp-said", KeyPointKind.PROBLEM,
                                     Wording.plain("Siblings get split up"), true, ANA, "notetaker", T.plusSeconds(70)),
                new KeyPointEdited(P + "pr-held", P + "kp-said", Wording.plain("Siblings are split up in care"),
                                   "clarity", "notetaker", T.plusSeconds(80)),
                new KeyPointRecorded(P + "pr-held", P + "kp-taken-back", KeyPointKind.SOLUTION,
                                     Wording.plain("Ask us first"), false, ANA, "notetaker", T.plusSeconds(90)),
                new KeyPointRetracted(P + "pr-held", P + "kp-taken-back", "Ana asked to take it back", "notetaker",
                                      T.plusSeconds(95)),
                new KeyPointRecorded(P + "pr-held", P + "kp-ben", KeyPointKind.PROBLEM,
                                     Wording.plain("Ben's own words"), true, BEN, "notetaker", T.plusSeconds(96)),
                new PlenaryContributionRecorded(P + "pr-held", P + "pc-1", ANA, Wording.plain("Please keep us together"),
                                                T.plusSeconds(200)),
                new IdeaSubmitted(P + "idea-cited", P + "c", null, P + "young", ANA, Wording.plain("A sibling charter"),
                                  T.plusSeconds(300)),
                new IdeaSubmitted(P + "idea-waiting", P + "c", null, P + "young", ANA, Wording.plain("Visits every week"),
                                  T.plusSeconds(301)),
                new ReportSectionWritten(P + "report", P + "s-1", 1, "Families", "Siblings matter.",
                                         List.of(new Citation(CitationKind.QUOTE, P + "kp-said"),
                                                 new Citation(CitationKind.IDEA, P + "idea-cited")),
                                         T.plusSeconds(400)),
                // feedback on the session as a whole: Ana's (cited), Ben's, an anonymous one, and Dee's, who is
                // later erased with her words withdrawn
                registered(DEE, "Dee"),
                new SessionFeedbackGiven(P + "c", SESSION, P + "fb-ana", ANA, Wording.plain("It felt good to be heard"),
                                         true, T.plusSeconds(600)),
                new SessionFeedbackGiven(P + "c", SESSION, P + "fb-ben", BEN, Wording.plain("Ben's feedback"), true,
                                         T.plusSeconds(601)),
                new SessionFeedbackGiven(P + "c", SESSION, P + "fb-anon", null, Wording.plain("Nobody's feedback"),
                                         false, T.plusSeconds(602)),
                new SessionFeedbackGiven(P + "c", SESSION, P + "fb-dee", DEE,
                                         Wording.encrypted(new EncryptedValue(deeWords.keyId(), deeWords.iv(),
                                                                              deeWords.ciphertext())),
                                         true, T.plusSeconds(603)),
                new ReportSectionWritten(P + "report", P + "s-2", 2, "The day itself", "People felt heard.",
                                         List.of(new Citation(CitationKind.SESSION_FEEDBACK, P + "fb-ana")),
                                         T.plusSeconds(610)),
                new ParticipantErased(DEE, ContributionPolicy.WITHDRAW_WORDS, ErasureRequester.THE_PARTICIPANT,
                                      "asked in the app", null, T.plusSeconds(620)),
                new ParticipantErased(CY, ContributionPolicy.KEEP_WORDS_DROP_IDENTITY, ErasureRequester.ON_THEIR_BEHALF,
                                      "asked to be forgotten", "letter of 2026-11-02, case 42", T.plusSeconds(500))));
        eventStore.publish(feed.messages(events.toArray()).toArray(new EventMessage[0]));
        vault.destroy(DEE + "/words"); // what the command side does at an erasure that withdraws the words
        Processors.awaitCaughtUp(processing, engine);
    }

    private static ParticipantRegistered registered(String id, String pseudonym) {
        return new ParticipantRegistered(id, P + "c", pseudonym, List.of(P + "young"), AgeBand.AGED_18_TO_25,
                                         new EncryptedValue(id + "/identity", "iv", "x"), null, null, T);
    }

    @Test
    void aParticipantReadsTheirWholeVoiceTrailWithEveryFate() throws Exception {
        mvc.perform(get("/api/participants/" + ANA + "/voice-trail").with(ANA_ACCOUNT))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.label").value("Ana"))
           .andExpect(jsonPath("$.consents[0]").value("TAKE_PART"))
           .andExpect(jsonPath("$.consentHistory.length()").value(3))
           .andExpect(jsonPath("$.consentHistory[2].purpose").value("BE_QUOTED"))
           .andExpect(jsonPath("$.consentHistory[2].given").value(false))
           // proposals and what happened to them
           .andExpect(jsonPath("$.proposals.length()").value(3))
           .andExpect(jsonPath("$.proposals[?(@.proposalId == 'own-pr-held')].whatHappened")
                              .value("being held now as conversation own-pr-held in round 1, room 3"))
           .andExpect(jsonPath("$.proposals[?(@.proposalId == 'own-pr-merged')].whatHappened")
                              .value("merged with similar proposals into own-pr-ben; scheduled as conversation "
                                     + "own-pr-ben in round 1, room 4"))
           .andExpect(jsonPath("$.proposals[?(@.proposalId == 'own-pr-gone')].whatHappened")
                              .value("withdrawn: covered elsewhere"))
           // key points: original beside the edit, and the one fate definition
           .andExpect(jsonPath("$.keyPoints.length()").value(2))
           .andExpect(jsonPath("$.keyPoints[?(@.fate.keyPointId == 'own-kp-said')].fate.fate").value("CITED"))
           .andExpect(jsonPath("$.keyPoints[?(@.fate.keyPointId == 'own-kp-said')].original.plain")
                              .value("Siblings get split up"))
           .andExpect(jsonPath("$.keyPoints[?(@.fate.keyPointId == 'own-kp-said')].edits[0].text.plain")
                              .value("Siblings are split up in care"))
           .andExpect(jsonPath("$.keyPoints[?(@.fate.keyPointId == 'own-kp-said')].fate.fateDetail")
                              .value("cited in section 1 (Families), not yet published"))
           .andExpect(jsonPath("$.keyPoints[?(@.fate.keyPointId == 'own-kp-taken-back')].fate.fate")
                              .value("RETRACTED"))
           // ideas and plenary contributions
           .andExpect(jsonPath("$.ideas[?(@.ideaId == 'own-idea-cited')].fate").value("CITED"))
           .andExpect(jsonPath("$.ideas[?(@.ideaId == 'own-idea-waiting')].fate").value("NOT_YET_HANDLED"))
           .andExpect(jsonPath("$.ideas[?(@.ideaId == 'own-idea-cited')].text.plain").value("A sibling charter"))
           .andExpect(jsonPath("$.plenaryContributions[0].text.plain").value("Please keep us together"))
           .andExpect(jsonPath("$.plenaryContributions[0].question").value("How do we keep siblings together?"))
           .andExpect(jsonPath("$.plenaryContributions[0].fate").value("NOT_YET_HANDLED"))
           .andExpect(jsonPath("$.attendance[0].conversationId").value(P + "pr-held"))
           .andExpect(jsonPath("$.erasure").doesNotExist())
           // nothing of anybody else
           .andExpect(content().string(not(containsString("Ben"))))
           .andExpect(content().string(not(containsString(BEN))));
    }

    @Test
    void theExportIsTheSameTrailAsAFileToKeep() throws Exception {
        String trail = mvc.perform(get("/api/participants/" + ANA + "/voice-trail").with(ANA_ACCOUNT))
                          .andReturn().getResponse().getContentAsString();
        String export = mvc.perform(get("/api/participants/" + ANA + "/export").with(ANA_ACCOUNT))
                           .andExpect(status().isOk())
                           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                           .andExpect(header().string("Content-Disposition",
                                                      "attachment; filename=\"voice-trail-own-ana.json\""))
                           .andReturn().getResponse().getContentAsString();
        JsonNode exported = objectMapper.readTree(export);
        assertThat(exported).isEqualTo(objectMapper.readTree(trail));
        assertThat(exported.get("keyPoints")).hasSize(2);
        assertThat(exported.get("proposals")).hasSize(3);
        assertThat(exported.get("ideas")).hasSize(2);
        assertThat(exported.get("plenaryContributions")).hasSize(1);
        assertThat(exported.get("feedback")).hasSize(1);
        assertThat(exported.get("feedback").get(0).get("text").get("plain").asText())
                .isEqualTo("It felt good to be heard");

        mvc.perform(get("/api/participants/" + ANA + "/export").with(ADMIN)).andExpect(status().isOk());
    }

    @Test
    void theFeedbackAParticipantGaveOnASessionIsInTheirTrailWithWhereItIsCited() throws Exception {
        mvc.perform(get("/api/participants/" + ANA + "/voice-trail").with(ANA_ACCOUNT))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.feedback.length()").value(1))
           .andExpect(jsonPath("$.feedback[0].feedbackId").value(P + "fb-ana"))
           .andExpect(jsonPath("$.feedback[0].sessionId").value(SESSION))
           .andExpect(jsonPath("$.feedback[0].text.plain").value("It felt good to be heard"))
           .andExpect(jsonPath("$.feedback[0].verbatim").value(true))
           .andExpect(jsonPath("$.feedback[0].at").value("2024-05-01T09:10:00Z"))
           .andExpect(jsonPath("$.feedback[0].citedIn[0].sectionId").value(P + "s-2"))
           .andExpect(jsonPath("$.feedback[0].citedIn[0].heading").value("The day itself"))
           .andExpect(jsonPath("$.feedback[0].publishedIn.length()").value(0))
           .andExpect(content().string(not(containsString("Nobody's feedback"))));
        mvc.perform(get("/api/participants/" + BEN + "/voice-trail").with(ADMIN))
           .andExpect(jsonPath("$.feedback.length()").value(1))
           .andExpect(jsonPath("$.feedback[0].feedbackId").value(P + "fb-ben"));
    }

    @Test
    void feedbackWhoseWordsWereWithdrawnAtErasureStaysListedWithoutTheWords() throws Exception {
        mvc.perform(get("/api/participants/" + DEE + "/voice-trail").with(ADMIN))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.erased").value(true))
           .andExpect(jsonPath("$.feedback.length()").value(1))
           .andExpect(jsonPath("$.feedback[0].feedbackId").value(P + "fb-dee"))
           .andExpect(jsonPath("$.feedback[0].text.withdrawn").value(true))
           .andExpect(jsonPath("$.feedback[0].text.plain").doesNotExist())
           .andExpect(content().string(not(containsString("Dee's own words"))));
        String export = mvc.perform(get("/api/participants/" + DEE + "/export").with(ADMIN))
                           .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(objectMapper.readTree(export).get("feedback").get(0).get("text").get("withdrawn").asBoolean())
                .isTrue();
        assertThat(export).doesNotContain("Dee's own words");
    }

    @Test
    void aRebuiltSessionFeedbackModelGivesTheSameTrails() throws Exception {
        String ana = mvc.perform(get("/api/participants/" + ANA + "/voice-trail").with(ADMIN))
                        .andReturn().getResponse().getContentAsString();
        String dee = mvc.perform(get("/api/participants/" + DEE + "/voice-trail").with(ADMIN))
                        .andReturn().getResponse().getContentAsString();
        replays.rebuild(ReadModel.SESSION_FEEDBACK);
        assertThat(objectMapper.readTree(mvc.perform(get("/api/participants/" + ANA + "/voice-trail").with(ADMIN))
                                            .andReturn().getResponse().getContentAsString()))
                .isEqualTo(objectMapper.readTree(ana));
        assertThat(objectMapper.readTree(mvc.perform(get("/api/participants/" + DEE + "/voice-trail").with(ADMIN))
                                            .andReturn().getResponse().getContentAsString()))
                .isEqualTo(objectMapper.readTree(dee));
    }

    @Test
    void aParticipantReadsNothingOfAnotherParticipant() throws Exception {
        for (String path : List.of("/voice-trail", "/export")) {
            mvc.perform(get("/api/participants/" + BEN + path).with(ANA_ACCOUNT))
               .andExpect(status().isForbidden())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
               .andExpect(content().string(not(containsString("Ben"))));
            // a refusal does not tell whether the id exists
            mvc.perform(get("/api/participants/nobody-at-all" + path).with(ANA_ACCOUNT))
               .andExpect(status().isForbidden());
            mvc.perform(get("/api/participants/" + ANA + path).with(UNLINKED)).andExpect(status().isForbidden());
            mvc.perform(get("/api/participants/" + ANA + path))
               .andExpect(status().isUnauthorized())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(get("/api/audit-trail/participants/" + BEN).with(ANA_ACCOUNT)).andExpect(status().isForbidden());
    }

    @Test
    void staffReadTrailsAsTheRoleTableSaysAndOnlyAnAdminExportsAnothers() throws Exception {
        for (RequestPostProcessor staff : List.of(ADMIN, REVIEWER, FACILITATOR)) {
            mvc.perform(get("/api/participants/" + ANA + "/voice-trail").with(staff))
               .andExpect(status().isOk())
               .andExpect(jsonPath("$.participantId").value(ANA));
        }
        mvc.perform(get("/api/participants/" + ANA + "/export").with(REVIEWER)).andExpect(status().isForbidden());
        mvc.perform(get("/api/participants/" + ANA + "/export").with(FACILITATOR)).andExpect(status().isForbidden());
    }

    @Test
    void anErasureShowsWhoAskedAndWhyInTheTrailAndTheAuditLog() throws Exception {
        mvc.perform(get("/api/participants/" + CY + "/voice-trail").with(ADMIN))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.erased").value(true))
           .andExpect(jsonPath("$.label").value("an erased participant"))
           .andExpect(jsonPath("$.erasure.requestedBy").value("ON_THEIR_BEHALF"))
           .andExpect(jsonPath("$.erasure.reason").value("asked to be forgotten"))
           .andExpect(jsonPath("$.erasure.requestReference").value("letter of 2026-11-02, case 42"))
           .andExpect(jsonPath("$.erasure.contributionPolicy").value("KEEP_WORDS_DROP_IDENTITY"));
        mvc.perform(get("/api/audit-trail/participants/" + CY).with(REVIEWER))
           .andExpect(jsonPath("$.erasure.requestedBy").value("ON_THEIR_BEHALF"));
        mvc.perform(get("/api/audit-log").param("participantId", CY).param("eventType", "ParticipantErased")
                                         .with(REVIEWER))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.entries[0].erasure.requestedBy").value("ON_THEIR_BEHALF"))
           .andExpect(jsonPath("$.entries[0].erasure.reason").value("asked to be forgotten"))
           .andExpect(jsonPath("$.entries[0].erasure.requestReference").value("letter of 2026-11-02, case 42"));
        mvc.perform(get("/api/audit-log").param("participantId", ANA).param("eventType", "ConsentGiven")
                                         .with(REVIEWER))
           .andExpect(jsonPath("$.entries[0].erasure").doesNotExist());
    }
}
