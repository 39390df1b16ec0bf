package org.consultationtracker.query.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationMoved;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit log's session filter finds every event of the session, including those that carry only their
 * conversation's id (key points, edits, retractions, summaries, plenary contributions), also when they were recorded
 * before the conversation's session was known; a rebuild writes the same postings; participants are shown by
 * pseudonym, or as erased.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionFilterTest {

    private static final String P = "session-filter-";
    private static final String SESSION = P + "open-space";
    private static final String OTHER_SESSION = P + "other";
    private static final Instant AT = Instant.parse("2023-03-01T10:00:00Z");

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
    @Autowired
    ReadModelStore store;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void aSessionWithTwoConversationsAndOneElsewhere() {
        EventFeed staff = new EventFeed().as(P + "notetaker", "NOTE_TAKER");
        EventFeed participant = new EventFeed().as("participant", "PARTICIPANT");
        List<EventMessage<?>> messages = new ArrayList<>();
        messages.add(staff.message(registered("heron", "Blue Heron")));
        messages.add(staff.message(registered("otter", "Quiet Otter")));
        // Recorded before the conversation's session is known (typed in before the grid was entered, say).
        messages.add(staff.message(keyPoint("late", "kp-early", P + "heron", AT)));
        messages.add(staff.message(new ConversationProposed(SESSION, P + "c1", P + "heron", Wording.plain("Q1"),
                                                            null, AT)));
        messages.add(staff.message(new ConversationScheduled(SESSION, P + "c1", 1, "A", List.of(P + "heron"),
                                                             Wording.plain("Q1"), AT)));
        messages.add(staff.message(keyPoint("c1", "kp1", P + "heron", AT.plusSeconds(60))));
        messages.add(staff.message(new KeyPointEdited(P + "c1", P + "kp1", Wording.plain("clearer"), "clarity",
                                                      P + "notetaker", AT.plusSeconds(120))));
        messages.add(staff.message(new KeyPointRetracted(P + "c1", P + "kp1", "said twice", P + "notetaker",
                                                         AT.plusSeconds(130))));
        messages.add(staff.message(new PlenaryContributionRecorded(P + "c1", P + "pc1", P + "otter",
                                                                   Wording.plain("and also"), AT.plusSeconds(900))));
        messages.add(staff.message(new ConversationSummarised(P + "c1", "summary", List.of(P + "kp1"),
                                                              P + "notetaker", AT.plusSeconds(1000))));
        // The early conversation is scheduled later, then moved: its early key point joins the session once.
        messages.add(staff.message(new ConversationScheduled(SESSION, P + "late", 2, "B", List.of(P + "otter"),
                                                             Wording.plain("Q2"), AT.plusSeconds(1100))));
        messages.add(staff.message(new ConversationMoved(SESSION, P + "late", 2, "B", 3, "C",
                                                         AT.plusSeconds(1200))));
        messages.add(staff.message(keyPoint("late", "kp-late", null, AT.plusSeconds(1300))));
        // Another session's conversation and key point: not this session's.
        messages.add(staff.message(new ConversationScheduled(OTHER_SESSION, P + "c9", 1, "A", List.of(P + "otter"),
                                                             Wording.plain("Q9"), AT)));
        messages.add(staff.message(keyPoint("c9", "kp9", P + "otter", AT.plusSeconds(60))));
        messages.add(staff.message(new ParticipantErased(P + "otter", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                                                         ErasureRequester.THE_PARTICIPANT, "moving away", null,
                                                         AT.plusSeconds(2000))));
        // Sent from the participant account of the dev accounts (it speaks for p-001).
        messages.add(participant.message(new ParticipantRegistered("p-001", P + "c", "Own Account", List.of(),
                                                                   null, null, null, null, AT)));
        messages.add(participant.message(new IdeaSubmitted(P + "idea", P + "c", SESSION, P + "g", "p-001",
                                                           Wording.plain("an idea"), AT.plusSeconds(2100))));
        eventStore.publish(messages.toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    private static ParticipantRegistered registered(String id, String pseudonym) {
        return new ParticipantRegistered(P + id, P + "c", pseudonym, List.of(), null, null, null, null, AT);
    }

    private static KeyPointRecorded keyPoint(String conversation, String keyPoint, String attributedTo, Instant at) {
        return new KeyPointRecorded(P + conversation, P + keyPoint, KeyPointKind.PROBLEM, Wording.plain("words"),
                                    false, attributedTo, P + "notetaker", at);
    }

    @Test
    void theSessionFilterFindsTheEventsThatNameOnlyTheirConversation() throws Exception {
        List<JsonNode> entries = walk("sessionId=" + SESSION + "&size=3");
        assertThat(entries).extracting(e -> e.get("eventType").asText()).containsExactly(
                "KeyPointRecorded", "ConversationProposed", "ConversationScheduled", "KeyPointRecorded",
                "KeyPointEdited", "KeyPointRetracted", "PlenaryContributionRecorded", "ConversationSummarised",
                "ConversationScheduled", "ConversationMoved", "KeyPointRecorded", "IdeaSubmitted");
        assertThat(entries).allMatch(e -> e.get("sessionId").asText().equals(SESSION));
        assertThat(entries).noneMatch(e -> e.get("conversationId").asText().equals(P + "c9"));
        assertThat(read("/api/audit-log?sessionId=" + SESSION + "&size=1").get("totalEntries").asLong())
                .isEqualTo(entries.size());
    }

    @Test
    void aKeyPointEditIsFoundBySessionAndEventTypeTogether() throws Exception {
        JsonNode page = read("/api/audit-log?sessionId=" + SESSION + "&eventType=KeyPointEdited");
        assertThat(page.get("entries")).hasSize(1);
        JsonNode edit = page.get("entries").get(0);
        assertThat(edit.get("conversationId").asText()).isEqualTo(P + "c1");
        assertThat(edit.get("ids").get("keyPointId").asText()).isEqualTo(P + "kp1");
    }

    @Test
    void aKeyPointRecordedBeforeTheScheduleIsPostedUnderTheSessionOnce() throws Exception {
        JsonNode page = read("/api/audit-log?sessionId=" + SESSION + "&eventType=KeyPointRecorded");
        assertThat(page.get("entries")).extracting(e -> e.get("ids").get("keyPointId").asText())
                                       .containsExactly(P + "kp-early", P + "kp1", P + "kp-late");
        JsonNode other = read("/api/audit-log?sessionId=" + OTHER_SESSION);
        assertThat(other.get("entries")).extracting(e -> e.get("eventType").asText())
                                        .containsExactly("ConversationScheduled", "KeyPointRecorded");
    }

    @Test
    void participantsAndParticipantAccountsAreShownByPseudonymOrAsErased() throws Exception {
        JsonNode page = read("/api/audit-log?sessionId=" + SESSION + "&size=50");
        JsonNode proposed = find(page, "ConversationProposed");
        assertThat(proposed.get("participants").get(0).get("label").asText()).isEqualTo("Blue Heron");
        assertThat(proposed.get("participants").get(0).get("erased").asBoolean()).isFalse();
        JsonNode plenary = find(page, "PlenaryContributionRecorded");
        assertThat(plenary.get("participants").get(0).get("label").asText()).isEqualTo("an erased participant");
        assertThat(plenary.get("participants").get(0).get("erased").asBoolean()).isTrue();
        assertThat(plenary.get("actorParticipant").isNull()).as("a staff account is not a participant").isTrue();
        JsonNode idea = find(page, "IdeaSubmitted");
        assertThat(idea.get("actorParticipant").get("label").asText()).isEqualTo("Own Account");
        assertThat(idea.get("actorParticipant").get("participantId").asText()).isEqualTo("p-001");
    }

    @Test
    void theCsvExportNamesParticipantsByPseudonymOrAsErased() throws Exception {
        String csv = mvc.perform(get("/api/exports/audit-log?sessionId=" + SESSION
                                         + "&eventType=PlenaryContributionRecorded").with(reviewer()))
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> lines = csv.lines().toList();
        int column = List.of(lines.get(0).split(",")).indexOf("participantLabels");
        assertThat(column).isPositive();
        assertThat(lines.get(1).split(",")[column]).isEqualTo("an erased participant");
    }

    @Test
    void aRebuildWritesTheSamePostingsAndFindsTheSameEntries() throws Exception {
        List<JsonNode> before = walk("sessionId=" + SESSION + "&size=2");
        Map<String, Document> postingsBefore = postings();
        replays.rebuild(ReadModel.AUDIT_LOG);
        assertThat(postings()).isEqualTo(postingsBefore);
        List<JsonNode> after = walk("sessionId=" + SESSION + "&size=2");
        assertThat(after).extracting(JsonNode::toString)
                         .containsExactlyElementsOf(before.stream().map(JsonNode::toString).toList());
    }

    /** The session's key and posting documents, and the conversations' sessions, as stored. */
    private Map<String, Document> postings() {
        Map<String, Document> documents = new LinkedHashMap<>();
        String key = Postings.key(Postings.SESSION, SESSION);
        Document head = store.find(AuditLogQueries.KEYS, key);
        documents.put(key, head);
        for (Object bucket : head.getList("buckets", Object.class)) {
            String posting = Postings.posting(key, ((Number) bucket).longValue());
            documents.put(posting, store.find(AuditLogQueries.POSTINGS, posting));
        }
        var sessions = org.consultationtracker.query.readmodel.ModelCollection.of(
                ReadModel.AUDIT_LOG, ConversationSessions.COLLECTION);
        for (String conversation : List.of("c1", "late", "c9")) {
            documents.put(conversation, store.find(sessions, P + conversation));
        }
        return documents;
    }

    private static JsonNode find(JsonNode page, String eventType) {
        for (JsonNode entry : page.get("entries")) {
            if (entry.get("eventType").asText().equals(eventType)) {
                return entry;
            }
        }
        throw new AssertionError("no " + eventType + " in " + page);
    }

    private List<JsonNode> walk(String filter) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        String after = "";
        for (int requests = 0; requests < 1_000; requests++) {
            JsonNode page = read("/api/audit-log?" + filter + after);
            page.get("entries").forEach(entries::add);
            if (page.get("next").isNull()) {
                return entries;
            }
            after = "&after=" + page.get("next").asLong();
        }
        throw new AssertionError("the walk did not end");
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
