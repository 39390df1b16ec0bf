package org.consultationtracker.query.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An anonymous contribution sent from a participant's own account: the account's user name and role are in the
 * events' metadata, and the participant typed, edited and retracted the anonymous key point themselves. Reviewers,
 * note-takers and facilitators must not be able to tie any of it to the account — not in the audit log, its CSV
 * export, a search by actor, the conversation view or a section's trail — while an admin still can.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnonymousContributionsTest {

    private static final String P = "anon-";
    private static final String AUTHOR = P + "participant-account";
    private static final Instant AT = Instant.parse("2021-05-01T10:00:00Z");

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
    void aParticipantContributesAnonymouslyAndByName() {
        List<EventMessage<?>> messages = new ArrayList<>(new EventFeed().as(AUTHOR, "PARTICIPANT").messages(
                new IdeaSubmitted(P + "idea", P + "c", P + "cfi", P + "g", null, Wording.plain("Anonymous idea"), AT),
                new KeyPointRecorded(P + "conv", P + "kp", KeyPointKind.PROBLEM, Wording.plain("Said anonymously"),
                                     false, null, AUTHOR, AT),
                new KeyPointEdited(P + "conv", P + "kp", Wording.plain("Said anonymously, reworded"), "typo",
                                   AUTHOR, AT.plusSeconds(60)),
                new KeyPointRetracted(P + "conv", P + "kp", "on second thoughts", AUTHOR, AT.plusSeconds(120)),
                // the same account's point under the participant's name stays tied to the account for everyone
                new KeyPointRecorded(P + "conv-named", P + "kp-named", KeyPointKind.SOLUTION,
                                     Wording.plain("Said by name"), false, P + "participant", AUTHOR, AT)));
        messages.addAll(new EventFeed().as(P + "writer", "FACILITATOR").messages(
                new ReportSectionWritten(P + "r", P + "s", 1, "Heard", "text",
                                         List.of(new Citation(CitationKind.KEY_POINT, P + "kp")), AT)));
        eventStore.publish(messages.toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    @Test
    void nonAdminsSeeNoActorOrRoleOfAnonymousContributionsAdminsDo() throws Exception {
        for (String filter : List.of("sessionId=" + P + "cfi", "conversationId=" + P + "conv")) {
            for (String reader : List.of("REVIEWER", "NOTE_TAKER", "FACILITATOR")) {
                JsonNode entries = read("/api/audit-log?" + filter, reader).get("entries");
                assertThat(entries).as(filter + " for " + reader).isNotEmpty();
                for (JsonNode entry : entries) {
                    assertThat(entry.get("anonymous").asBoolean()).isTrue();
                    assertThat(entry.get("actor").isNull()).as(reader + " sees no actor").isTrue();
                    assertThat(entry.get("role").isNull()).as(reader + " sees no role").isTrue();
                }
            }
            for (JsonNode entry : read("/api/audit-log?" + filter, "ADMIN").get("entries")) {
                assertThat(entry.get("actor").asText()).isEqualTo(AUTHOR);
                assertThat(entry.get("role").asText()).isEqualTo("PARTICIPANT");
            }
        }
        assertThat(read("/api/audit-log?conversationId=" + P + "conv", "ADMIN").get("entries"))
                .extracting(entry -> entry.get("eventType").asText())
                .containsExactly("KeyPointRecorded", "KeyPointEdited", "KeyPointRetracted");
        JsonNode named = read("/api/audit-log?conversationId=" + P + "conv-named", "REVIEWER").get("entries").get(0);
        assertThat(named.get("anonymous").asBoolean()).isFalse();
        assertThat(named.get("actor").asText()).isEqualTo(AUTHOR);
    }

    @Test
    void searchingByTheAccountFindsItsAnonymousContributionsOnlyForAnAdmin() throws Exception {
        JsonNode reviewers = read("/api/audit-log?actor=" + AUTHOR, "REVIEWER");
        assertThat(reviewers.get("entries")).extracting(entry -> entry.get("aggregateId").asText())
                                            .containsExactly(P + "conv-named");
        assertThat(read("/api/audit-log?actor=" + AUTHOR, "ADMIN").get("totalEntries").asInt()).isEqualTo(5);
    }

    @Test
    void theCsvExportWithholdsTheAccountFromNonAdmins() throws Exception {
        String reviewers = text("/api/exports/audit-log?conversationId=" + P + "conv", "REVIEWER");
        assertThat(reviewers).contains("KeyPointRecorded").doesNotContain(AUTHOR).doesNotContain("PARTICIPANT");
        String admins = text("/api/exports/audit-log?conversationId=" + P + "conv", "ADMIN");
        assertThat(admins).contains(AUTHOR).contains("PARTICIPANT");
    }

    @Test
    void theConversationAndTheSectionTrailWithholdWhoTypedEditedAndRetractedTheAnonymousPoint() throws Exception {
        for (String reader : List.of("REVIEWER", "NOTE_TAKER")) {
            JsonNode keyPoint = read("/api/conversations/" + P + "conv", reader).get("keyPoints").get(0);
            assertThat(keyPoint.get("recordedBy").isNull()).isTrue();
            assertThat(keyPoint.get("edits").get(0).get("editedBy").isNull()).isTrue();
            assertThat(keyPoint.get("retraction").get("retractedBy").isNull()).isTrue();
            JsonNode cited = read("/api/audit-trail/sections/" + P + "s", reader).get("keyPoints").get(0);
            assertThat(cited.get("edits").get(0).get("editedBy").isNull()).isTrue();
        }
        JsonNode keyPoint = read("/api/conversations/" + P + "conv", "ADMIN").get("keyPoints").get(0);
        assertThat(keyPoint.get("recordedBy").asText()).isEqualTo(AUTHOR);
        assertThat(keyPoint.get("edits").get(0).get("editedBy").asText()).isEqualTo(AUTHOR);
        assertThat(keyPoint.get("retraction").get("retractedBy").asText()).isEqualTo(AUTHOR);
        JsonNode cited = read("/api/audit-trail/sections/" + P + "s", "ADMIN").get("keyPoints").get(0);
        assertThat(cited.get("edits").get(0).get("editedBy").asText()).isEqualTo(AUTHOR);
    }

    private JsonNode read(String path, String role) throws Exception {
        return json.readTree(text(path, role));
    }

    private String text(String path, String role) throws Exception {
        return mvc.perform(get(path).with(as(role))).andExpect(status().isOk()).andReturn().getResponse()
                  .getContentAsString();
    }

    private static RequestPostProcessor as(String role) {
        return authentication(new AccountAuthentication(
                new Account(role.toLowerCase(), Set.of(role), null, Account.LOCAL)));
    }
}
