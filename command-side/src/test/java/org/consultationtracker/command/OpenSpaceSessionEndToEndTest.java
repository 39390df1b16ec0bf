package org.consultationtracker.command;

import org.consultationtracker.command.testing.Tokens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.FramingQuestionPosed;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small Open Space session driven through HTTP against the real aggregates, lookups and event store (on an
 * in-memory MongoDB-compatible server): propose three, merge two, schedule, open the round, two people join, one moves
 * room, key points recorded and one edited, summary, a report section citing a quote, publish; then the stored events
 * are read back.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-side", "consultation.store.database=open-space-e2e",
                "consultation.keys.ephemeral=true"})
class OpenSpaceSessionEndToEndTest {

    private static final InMemoryMongo MONGO = new InMemoryMongo();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("consultation.store.mongodb-uri", MONGO::uri);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ParticipantKeyVault vault;

    private ResponseEntity<Map> send(HttpMethod method, String user, String path, String json, HttpStatus expected) {
        ResponseEntity<Map> response = http.exchange(path, method, new HttpEntity<>(json, Tokens.jsonAs(http, user)),
                Map.class);
        assertThat(response.getStatusCode()).as(method + " " + path + " → " + response.getBody()).isEqualTo(expected);
        return response;
    }

    private ResponseEntity<Map> post(String user, String path, String json, HttpStatus expected) {
        return send(HttpMethod.POST, user, path, json, expected);
    }

    @Test
    void anIdThatNamesSomethingOfAnotherKindIsNotTakenAndARefusedRegistrationLeavesNoKey() {
        post("facilitator", "/api/consultations", """
                {"consultationId": "c-ids", "title": "Ids", "bigQuestion": "Whose id is it?"}""", HttpStatus.CREATED);
        post("facilitator", "/api/reports", """
                {"reportId": "r-ids", "consultationId": "c-ids", "title": "Report"}""", HttpStatus.CREATED);
        long keysBefore = MONGO.database("open-space-e2e").getCollection("participant_keys").countDocuments();

        post("facilitator", "/api/participants", """
                {"participantId": "r-ids", "consultationId": "c-ids", "pseudonym": "X",
                 "stakeholderGroupIds": ["foster-carers"], "ageBand": "NOT_SAID", "name": "Somebody"}""",
                HttpStatus.CONFLICT);
        post("facilitator", "/api/participants", """
                {"participantId": "p-refused", "consultationId": "no-such-consultation", "pseudonym": "X",
                 "stakeholderGroupIds": ["foster-carers"], "ageBand": "NOT_SAID", "name": "Somebody"}""",
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(MONGO.database("open-space-e2e").getCollection("participant_keys").countDocuments())
                .as("refused registrations leave no key").isEqualTo(keysBefore);

        post("facilitator", "/api/consultations/c-ids/sessions", """
                {"sessionId": "r-ids", "kind": "open-space", "title": "S",
                 "startsAt": "2021-06-12T09:00:00Z", "endsAt": "2021-06-12T15:00:00Z"}""", HttpStatus.CONFLICT);
        assertThat(eventStore.lastSequenceNumberFor("r-ids")).contains(0L);
    }

    @Test
    void aSmallOpenSpaceSessionFromProposalsToAPublishedReport() {
        // set-up
        post("facilitator", "/api/consultations", """
                {"consultationId": "c-1", "title": "Bridge the Gap", "bigQuestion": "How do we ensure children grow up in loving, stable and safe families?",
                 "occurredAt": "2021-06-01T09:00:00Z"}""", HttpStatus.CREATED);
        post("facilitator", "/api/consultations/c-1/sessions", """
                {"sessionId": "create", "kind": "open-space", "title": "Create",
                 "startsAt": "2021-06-12T09:00:00Z", "endsAt": "2021-06-12T15:00:00Z"}""", HttpStatus.CREATED);
        for (String name : List.of("ana", "ben", "cat", "dan")) {
            post("facilitator", "/api/participants", """
                    {"participantId": "%s", "consultationId": "c-1", "pseudonym": "%s", "stakeholderGroupIds": ["foster-carers"],
                     "ageBand": "AGED_26_AND_OVER", "name": "Real name of %s", "consents": ["TAKE_PART", "BE_QUOTED"]}"""
                    .formatted(name, name.toUpperCase(), name), HttpStatus.CREATED);
        }

        // agenda marketplace
        post("facilitator", "/api/agendas/create/framing-question", """
                {"question": "What is the one solution-focused conversation that could change children's social care?",
                 "occurredAt": "2021-06-12T09:10:00Z"}""", HttpStatus.OK);
        send(HttpMethod.PUT, "facilitator", "/api/agendas/create/grid", """
                {"rounds": [{"round": 1, "startsAt": "2021-06-12T10:00:00Z", "endsAt": "2021-06-12T10:45:00Z"}],
                 "rooms": ["room-1", "room-2"]}""", HttpStatus.OK);
        post("facilitator", "/api/agendas/create/proposals",
                proposal("p-1", "ana", "How do we cut caseloads?"), HttpStatus.CREATED);
        post("facilitator", "/api/agendas/create/proposals",
                proposal("p-2", "ben", "Manageable caseloads for social workers"), HttpStatus.CREATED);
        post("facilitator", "/api/agendas/create/proposals",
                proposal("p-3", "cat", "A national register of foster carers"), HttpStatus.CREATED);
        ResponseEntity<Map> merged = post("facilitator", "/api/agendas/create/merges", """
                {"mergedProposalId": "m-1", "sourceProposalIds": ["p-1", "p-2"], "question": "Caseloads that leave room for relationships",
                 "rationale": "Both about caseloads", "agreedBy": ["ana", "ben"]}""", HttpStatus.CREATED);
        assertThat(merged.getHeaders().getLocation()).hasPath("/api/agendas/create/proposals/m-1");
        post("facilitator", "/api/agendas/create/schedule", """
                {"proposalId": "m-1", "round": 1, "room": "room-1"}""", HttpStatus.OK);
        post("facilitator", "/api/agendas/create/schedule", """
                {"proposalId": "p-3", "round": 1, "room": "room-2"}""", HttpStatus.OK);

        // round 1
        post("facilitator", "/api/agendas/create/rounds/1/open", """
                {"occurredAt": "2021-06-12T10:00:00Z"}""", HttpStatus.OK);
        post("facilitator", "/api/conversations/m-1/start", """
                {"hostId": "ana", "occurredAt": "2021-06-12T10:01:00Z"}""", HttpStatus.OK);
        post("facilitator", "/api/conversations/p-3/start", """
                {"hostId": "cat", "occurredAt": "2021-06-12T10:01:00Z"}""", HttpStatus.OK);
        post("facilitator", "/api/conversations/m-1/participants", """
                {"participantId": "ben", "occurredAt": "2021-06-12T10:02:00Z"}""", HttpStatus.OK);
        post("facilitator", "/api/conversations/m-1/participants", """
                {"participantId": "dan", "occurredAt": "2021-06-12T10:03:00Z"}""", HttpStatus.OK);
        ResponseEntity<Map> moved = post("facilitator", "/api/conversations/p-3/participants", """
                {"participantId": "dan", "occurredAt": "2021-06-12T10:25:00Z"}""", HttpStatus.OK);
        assertThat(moved.getBody()).containsEntry("movedFromConversationId", "m-1");

        post("notetaker", "/api/conversations/m-1/key-points", """
                {"keyPointId": "kp-1", "kind": "PROBLEM", "text": "Caseloads leave no time for relationships",
                 "occurredAt": "2021-06-12T10:10:00Z"}""", HttpStatus.CREATED);
        post("notetaker", "/api/conversations/m-1/key-points", """
                {"keyPointId": "kp-2", "kind": "RECOMMENDATION", "text": "give us time to know the kids", "verbatim": true,
                 "attributedTo": "ben", "occurredAt": "2021-06-12T10:12:00Z"}""", HttpStatus.CREATED);
        post("notetaker", "/api/conversations/m-1/key-points/kp-2/edits", """
                {"text": "Give us time to get to know the children.", "reason": "edited lightly for clarity"}""",
                HttpStatus.OK);
        post("notetaker", "/api/conversations/m-1/summary", """
                {"summary": "Caseloads must fall so that relationships can grow.", "citedKeyPointIds": ["kp-1", "kp-2"]}""",
                HttpStatus.OK);

        // report
        post("facilitator", "/api/reports", """
                {"reportId": "r-1", "consultationId": "c-1", "title": "Bridge the Gap: Create"}""", HttpStatus.CREATED);
        post("facilitator", "/api/reports/r-1/themes", """
                {"themeId": "workloads", "name": "Social worker workloads"}""", HttpStatus.CREATED);
        post("facilitator", "/api/reports/r-1/sections", """
                {"sectionId": "s-1", "position": 1, "heading": "Social worker workloads",
                 "text": "Unsustainable workloads featured in many conversations.",
                 "citations": [{"kind": "QUOTE", "targetId": "kp-2"}, {"kind": "CONVERSATION", "targetId": "m-1"},
                               {"kind": "THEME", "targetId": "workloads"}]}""", HttpStatus.CREATED);
        ResponseEntity<Map> published = post("facilitator", "/api/reports/r-1/publications", "{}", HttpStatus.CREATED);
        assertThat(published.getHeaders().getLocation()).hasPath("/api/reports/r-1/versions/1");

        // a rule broken over HTTP: the round is open, so the plenary cannot be recorded yet
        ResponseEntity<Map> tooEarly = post("notetaker", "/api/conversations/m-1/plenary-summary", """
                {"summary": "too early"}""", HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(tooEarly.getBody()).containsEntry("detail", "the plenary follows the round, and round 1 has not closed");

        // the stored events
        assertThat(payloads("create")).extracting(Object::getClass).containsExactly(
                FramingQuestionPosed.class, GridDefined.class, ConversationProposed.class, ConversationProposed.class,
                ConversationProposed.class, ProposalsMerged.class, ConversationScheduled.class,
                ConversationScheduled.class, RoundOpened.class);
        List<DomainEventMessage<?>> conversation = events("m-1");
        assertThat(conversation).extracting(e -> (Object) e.getPayload().getClass()).containsExactly(
                ConversationStarted.class, ParticipantJoinedConversation.class, ParticipantJoinedConversation.class,
                ParticipantLeftConversation.class, KeyPointRecorded.class, KeyPointRecorded.class,
                KeyPointEdited.class, ConversationSummarised.class);
        assertThat(conversation.get(3).getPayload())
                .isEqualTo(new ParticipantLeftConversation("m-1", "create", 1, "dan", "p-3",
                        java.time.Instant.parse("2021-06-12T10:25:00Z")));
        assertThat(payloads("p-3").get(1)).isEqualTo(new ParticipantJoinedConversation("p-3", "create", 1, "dan", "m-1",
                java.time.Instant.parse("2021-06-12T10:25:00Z")));

        KeyPointRecorded quote = (KeyPointRecorded) conversation.get(5).getPayload();
        assertThat(quote.text().plainText()).isNull();
        assertThat(quote.text().encryptedText().keyId()).isEqualTo("ben/words");
        assertThat(vault.decrypt(quote.text().encryptedText())).contains("give us time to know the kids");
        KeyPointEdited edit = (KeyPointEdited) conversation.get(6).getPayload();
        assertThat(vault.decrypt(edit.text().encryptedText())).contains("Give us time to get to know the children.");
        assertThat(conversation.get(6).getMetaData())
                .containsEntry("actor", "notetaker").containsEntry("role", "NOTE_TAKER");
        assertThat(conversation.get(6).getMetaData()).containsKey("traceId").containsKey("correlationId");

        ParticipantRegistered ben = (ParticipantRegistered) payloads("ben").get(0);
        assertThat(ben.name().ciphertext()).doesNotContain("Real name");
        assertThat(vault.decrypt(ben.name())).contains("Real name of ben");

        List<Object> report = payloads("r-1");
        assertThat(report).extracting(Object::getClass).containsExactly(
                ReportStarted.class, ThemeIdentified.class, ReportSectionWritten.class, ReportPublished.class);
        ReportPublished version = (ReportPublished) report.get(3);
        assertThat(version.version()).isEqualTo(1);
        assertThat(version.sections().get(0).citations().get(0).kind()).isEqualTo(CitationKind.QUOTE);
        assertThat(version.sections().get(0).citations().get(0).targetId()).isEqualTo("kp-2");
    }

    private static String proposal(String id, String proposer, String question) {
        return """
                {"proposalId": "%s", "proposerId": "%s", "question": "%s", "pitch": "It matters"}"""
                .formatted(id, proposer, question);
    }

    private List<DomainEventMessage<?>> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().<DomainEventMessage<?>>map(e -> e).toList();
    }

    private List<Object> payloads(String aggregateId) {
        return events(aggregateId).stream().map(e -> (Object) e.getPayload()).toList();
    }
}
