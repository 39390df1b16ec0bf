package org.consultationtracker.command.api;

import org.consultationtracker.access.testing.SignedIn;
import org.consultationtracker.command.agenda.AnnounceAgenda;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.consultationtracker.command.DomainRuleViolation;
import org.consultationtracker.command.agenda.ProposeConversation;
import org.consultationtracker.command.consultation.StartConsultation;
import org.consultationtracker.command.conversation.EditKeyPoint;
import org.consultationtracker.command.conversation.JoinConversation;
import org.consultationtracker.command.conversation.LeaveConversation;
import org.consultationtracker.command.conversation.RecordKeyPoint;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.CitableRecords.RecordedKeyPoint;
import org.consultationtracker.command.lookup.Timetable;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.command.participant.privacy.PersonalData;
import org.consultationtracker.command.participant.privacy.PersonalDataReader;
import org.consultationtracker.command.report.PublishReport;
import org.consultationtracker.command.report.WriteReportSection;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.command.report.PublishReport.QuoteOverride;
import org.consultationtracker.command.report.QuoteWithoutConsent;
import org.consultationtracker.command.report.QuotesWithoutConsent;
import org.consultationtracker.events.report.ConsentGap;
import org.consultationtracker.events.EncryptedValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(properties = "spring.config.name=command-side")
@Import(WebLayerTestConfiguration.class)
class CommandApiTest {

    private static final String CONSULTATION = """
            {"consultationId": "c-1", "title": "Bridge the Gap", "bigQuestion": "How do we ensure children grow up in loving, stable and safe families?"}
            """;

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private CommandGateway commandGateway;
    @MockitoBean
    private ParticipantKeyVault keyVault;
    @MockitoBean
    private Timetable timetable;
    @MockitoBean
    private CitableRecords citableRecords;
    @MockitoBean
    private PersonalDataReader personalDataReader;
    @MockitoBean
    private org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    private ResultActions perform(MockHttpServletRequestBuilder request, String user, String body) throws Exception {
        return mvc.perform(request.with(SignedIn.as(user))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private List<CommandMessage<?>> dispatched(int count) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ArgumentCaptor<CommandMessage<?>> captor = (ArgumentCaptor) ArgumentCaptor.forClass(CommandMessage.class);
        verify(commandGateway, times(count)).sendAndWait(captor.capture());
        return captor.getAllValues();
    }

    private static DomainRuleViolation ruleBroken(String message) {
        return new DomainRuleViolation(message) {
        };
    }

    @Nested
    class Creation {

        @Test
        void startingAConsultationAnswers201WithLocationAndIdAndRecordsActorAndRole() throws Exception {
            perform(post("/api/consultations"), "facilitator", CONSULTATION)
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", "http://localhost/api/consultations/c-1"))
                    .andExpect(jsonPath("$.consultationId").value("c-1"));

            CommandMessage<?> message = dispatched(1).get(0);
            assertThat(message.getPayload()).isInstanceOf(StartConsultation.class);
            StartConsultation command = (StartConsultation) message.getPayload();
            assertThat(command.title()).isEqualTo("Bridge the Gap");
            assertThat(command.stakeholderGroups()).isEmpty();
            assertThat(message.getMetaData()).containsEntry("actor", "facilitator").containsEntry("role", "FACILITATOR");
        }

        @Test
        void anIdLeftOutIsGeneratedAsAUuid() throws Exception {
            perform(post("/api/consultations"), "admin", """
                    {"title": "T", "bigQuestion": "Q"}""")
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.consultationId").value(org.hamcrest.Matchers.matchesPattern(
                            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
        }

        @Test
        void announcingTheAgendaRecordsWhatTheSourceSaidAsWritten() throws Exception {
            perform(post("/api/agendas/create/announcements"), "facilitator", """
                    {"announcedConversations": 42, "announcedPerRound": [15, 15, 14],
                     "asWritten": "an agenda of 42 conversations", "source": "report",
                     "occurredAt": "2021-06-12T09:00:00Z"}""")
                    .andExpect(status().is2xxSuccessful())
                    .andExpect(jsonPath("$.agendaId").value("create"));
            assertThat(dispatched(1).get(0).getPayload()).isEqualTo(new AnnounceAgenda(
                    "create", 42, List.of(15, 15, 14), "an agenda of 42 conversations", "report",
                    java.time.Instant.parse("2021-06-12T09:00:00Z")));
        }

        @Test
        void publishingAnswersWithTheLocationOfTheNewVersion() throws Exception {
            when(commandGateway.sendAndWait(any())).thenReturn(3);
            perform(post("/api/reports/r-1/publications"), "facilitator", """
                    {"changeNote": "Corrected a quote"}""")
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", "http://localhost/api/reports/r-1/versions/3"))
                    .andExpect(jsonPath("$.version").value(3));
            // the Location answers: the command side sends a reader on to the query side, which serves versions
            mvc.perform(get("/api/reports/r-1/versions/3").with(SignedIn.as("reviewer")))
                    .andExpect(status().isSeeOther())
                    .andExpect(header().string("Location", "http://127.0.0.1:8082/api/reports/r-1/versions/3"));
            assertThat(dispatched(1).get(0).getPayload())
                    .isEqualTo(new PublishReport("r-1", "Corrected a quote",
                            ((PublishReport) dispatched(1).get(0).getPayload()).occurredAt()));
        }
    }

    /** Consent to be quoted at the API: a warning when a section is written, a named refusal or override at publication. */
    @Nested
    class QuotesAndConsent {

        private final AccountAuthentication facilitator = new AccountAuthentication(
                new Account("fran", Set.of("FACILITATOR"), null, Account.LOCAL));

        private ResultActions performAs(MockHttpServletRequestBuilder request, String body) throws Exception {
            return mvc.perform(request.with(authentication(facilitator))
                    .contentType(MediaType.APPLICATION_JSON).content(body));
        }

        @Test
        void publishingPassesEachConsentOverrideWithItsReason() throws Exception {
            when(commandGateway.sendAndWait(any())).thenReturn(1);
            performAs(post("/api/reports/r-1/publications"), """
                    {"consentOverrides": [{"citationTargetId": "kp-dee", "reason": "She asked to be quoted"}]}""")
                    .andExpect(status().isCreated());
            PublishReport sent = (PublishReport) dispatched(1).get(0).getPayload();
            assertThat(sent.consentOverrides())
                    .containsExactly(new QuoteOverride("kp-dee", "She asked to be quoted"));
        }

        @Test
        void anOverrideWithoutAReasonIsBadInput() throws Exception {
            performAs(post("/api/reports/r-1/publications"), """
                    {"consentOverrides": [{"citationTargetId": "kp-dee", "reason": "  "}]}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("consentOverrides[0].reason"));
            verify(commandGateway, times(0)).sendAndWait(any());
        }

        @Test
        void aRefusedPublicationIsAConflictNamingEveryQuote() throws Exception {
            when(commandGateway.sendAndWait(any())).thenThrow(new QuotesWithoutConsent(List.of(
                    new QuoteWithoutConsent("s-1", "kp-dee", ConsentGap.WITHDRAWN),
                    new QuoteWithoutConsent("s-2", "kp-cy", ConsentGap.WORDS_WITHDRAWN))));
            performAs(post("/api/reports/r-1/publications"), "{}")
                    .andExpect(status().isConflict())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.quotedWithoutConsent[0].sectionId").value("s-1"))
                    .andExpect(jsonPath("$.quotedWithoutConsent[0].keyPointId").value("kp-dee"))
                    .andExpect(jsonPath("$.quotedWithoutConsent[0].reason").value("consent withdrawn"))
                    .andExpect(jsonPath("$.quotedWithoutConsent[0].overridable").value(true))
                    .andExpect(jsonPath("$.quotedWithoutConsent[1].gap").value("WORDS_WITHDRAWN"))
                    .andExpect(jsonPath("$.quotedWithoutConsent[1].overridable").value(false));
        }

        @Test
        void writingASectionAnswersWithItsQuotesWithoutConsent() throws Exception {
            when(commandGateway.sendAndWait(any())).thenReturn(List.of(
                    new QuoteWithoutConsent("s-1", "kp-dee", ConsentGap.NOT_GIVEN)));
            performAs(put("/api/reports/r-1/sections/s-1"), """
                    {"position": 1, "heading": "Voices", "text": "In her words",
                     "citations": [{"kind": "QUOTE", "targetId": "kp-dee"}]}""")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.quotedWithoutConsent[0].keyPointId").value("kp-dee"))
                    .andExpect(jsonPath("$.quotedWithoutConsent[0].reason")
                            .value("speaker has not consented to be quoted"));
        }
    }

    @Nested
    class BadInput {

        @Test
        void aCitationAnchorThatNamesNoCitationIsABadTextAndNothingIsDispatched() throws Exception {
            for (String text : List.of("Carers feel unheard.[^2]", "Carers feel unheard.[^0]",
                                       "Carers feel unheard.[^99999999999999]")) {
                perform(post("/api/reports/r-1/sections"), "facilitator", """
                        {"position": 1, "heading": "Voices", "text": "%s",
                         "citations": [{"kind": "KEY_POINT", "targetId": "kp-dee"}]}""".formatted(text))
                        .andExpect(status().isBadRequest())
                        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.errors[0].field").value("text"));
            }
            perform(put("/api/reports/r-1/sections/s-1"), "facilitator", """
                    {"position": 1, "heading": "Voices", "text": "Unheard.[^1]"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("text"));
            verify(commandGateway, times(0)).sendAndWait(any());
        }

        @Test
        void anAnchorNamingACitationIsWritten() throws Exception {
            when(commandGateway.sendAndWait(any())).thenReturn(List.of());
            perform(put("/api/reports/r-1/sections/s-1"), "facilitator", """
                    {"position": 1, "heading": "Voices", "text": "Unheard.[^1] Overworked.[^2]",
                     "citations": [{"kind": "KEY_POINT", "targetId": "kp-dee"},
                                   {"kind": "CONVERSATION", "targetId": "c-1"}]}""")
                    .andExpect(status().isOk());
            assertThat(((WriteReportSection) dispatched(1).get(0).getPayload()).text())
                    .isEqualTo("Unheard.[^1] Overworked.[^2]");
        }

        @Test
        void eachInvalidFieldIsNamedWithTheReasonAndNothingIsDispatched() throws Exception {
            perform(post("/api/consultations"), "facilitator", """
                    {"consultationId": "no spaces allowed", "title": " ", "occurredAt": "2999-01-01T00:00:00Z"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.errors.length()").value(4))
                    .andExpect(jsonPath("$.errors[0].field").value("bigQuestion"))
                    .andExpect(jsonPath("$.errors[0].message").value("is required"))
                    .andExpect(jsonPath("$.errors[1].field").value("consultationId"))
                    .andExpect(jsonPath("$.errors[1].message").value(org.consultationtracker.command.api.contract.Bounds.ID_RULE))
                    .andExpect(jsonPath("$.errors[2].field").value("occurredAt"))
                    .andExpect(jsonPath("$.errors[3].field").value("title"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void anAnnouncementWithNegativeCountsOrWithoutItsWordsIsABadRequest() throws Exception {
            perform(post("/api/agendas/create/announcements"), "facilitator", """
                    {"announcedConversations": -1, "announcedPerRound": [15, -2], "asWritten": " ", "source": "report"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors.length()").value(3))
                    .andExpect(jsonPath("$.errors[0].field").value("announcedConversations"))
                    .andExpect(jsonPath("$.errors[1].field").value("announcedPerRound[1]"))
                    .andExpect(jsonPath("$.errors[2].field").value("asWritten"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void nestedFieldsAreNamedWithTheirPath() throws Exception {
            perform(post("/api/agendas/create/merges"), "facilitator", """
                    {"sourceProposalIds": ["p-1", ""], "question": "Q", "rationale": "R", "agreedBy": []}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("agreedBy"))
                    .andExpect(jsonPath("$.errors[1].field").value("sourceProposalIds[1]"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void anUnknownEnumValueIsABadRequest() throws Exception {
            perform(post("/api/consultations/c-1/sessions"), "facilitator", """
                    {"kind": "party", "title": "T", "startsAt": "2021-06-12T09:00:00Z", "endsAt": "2021-06-12T15:00:00Z"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("kind"))
                    .andExpect(jsonPath("$.errors[0].message").value("must be one of [connect, explore, open-space, "
                            + "workshop, focus-group, call-for-ideas]"))
                    .andExpect(content().string(not(containsString("org.consultationtracker"))));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void anUnknownPropertyIsABadRequestSoTyposDoNotPassSilently() throws Exception {
            perform(post("/api/consultations"), "facilitator", """
                    {"title": "T", "bigQuestion": "Q", "bigQuestoin": "typo"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("bigQuestoin"))
                    .andExpect(jsonPath("$.errors[0].message").value("is not a property of this request"))
                    .andExpect(content().string(not(containsString("org.consultationtracker"))));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void malformedJsonIsABadRequest() throws Exception {
            perform(post("/api/consultations"), "facilitator", "{\"title\": ")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("body"))
                    .andExpect(jsonPath("$.errors[0].message").value(containsString("not valid JSON")));
            verifyNoInteractions(commandGateway);
        }
    }

    @Nested
    class Outcomes {

        @Test
        void anUnknownAggregateIsNotFound() throws Exception {
            when(commandGateway.sendAndWait(any())).thenThrow(new AggregateNotFoundException("conv-9", "not found"));
            perform(post("/api/conversations/conv-9/key-points"), "notetaker", """
                    {"kind": "PROBLEM", "text": "t"}""")
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value(containsString("conv-9")));
        }

        @Test
        void aBrokenRuleIsUnprocessableWithTheRulesMessage() throws Exception {
            when(commandGateway.sendAndWait(any())).thenThrow(ruleBroken("round 1 is not open (CLOSED)"));
            perform(post("/api/conversations/conv-1/participants"), "facilitator", """
                    {"participantId": "p-1"}""")
                    .andExpect(status().isUnprocessableEntity())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("round 1 is not open (CLOSED)"));
        }

        @Test
        void aConcurrentConflictingWriteIsAConflict() throws Exception {
            when(commandGateway.sendAndWait(any())).thenThrow(new ConcurrencyException("sequence 7 taken"));
            perform(post("/api/agendas/create/rounds/1/open"), "facilitator", "{}")
                    .andExpect(status().isConflict())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }

        @Test
        void creatingWhatAlreadyExistsIsAConflict() throws Exception {
            when(commandGateway.sendAndWait(any())).thenThrow(new AggregateStreamCreationException("exists"));
            perform(post("/api/consultations"), "facilitator", CONSULTATION)
                    .andExpect(status().isConflict());
        }

        @Test
        void anUnexpectedFailureIsA500WithoutInternals() throws Exception {
            when(commandGateway.sendAndWait(any())).thenThrow(new IllegalStateException("secret stack detail"));
            perform(post("/api/consultations"), "facilitator", CONSULTATION)
                    .andExpect(status().isInternalServerError())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(content().string(not(containsString("secret"))));
        }
    }

    @Nested
    class Roles {

        @Test
        void withoutCredentialsTheAnswerIs401ProblemJson() throws Exception {
            mvc.perform(post("/api/consultations").contentType(MediaType.APPLICATION_JSON).content(CONSULTATION))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().exists("WWW-Authenticate"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void httpBasicIsRefusedEvenWithTheRightPassword() throws Exception {
            // The password is checked once, at sign-in: a request carrying one is pointed there, and nothing is sent.
            mvc.perform(post("/api/consultations").with(httpBasic("admin", "admin-dev"))
                            .contentType(MediaType.APPLICATION_JSON).content(CONSULTATION))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.title").value("HTTP Basic is not accepted"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void aReviewerCannotWrite() throws Exception {
            perform(post("/api/consultations"), "reviewer", CONSULTATION)
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            perform(post("/api/conversations/conv-1/key-points"), "reviewer", "{\"kind\": \"PROBLEM\", \"text\": \"t\"}")
                    .andExpect(status().isForbidden());
            verifyNoInteractions(commandGateway);
        }

        @Test
        void aNoteTakerCannotRunTheAgenda() throws Exception {
            perform(post("/api/agendas/create/rounds/1/open"), "notetaker", "{}")
                    .andExpect(status().isForbidden());
            perform(post("/api/agendas/create/announcements"), "notetaker", """
                    {"announcedConversations": 42, "asWritten": "42", "source": "report"}""")
                    .andExpect(status().isForbidden());
            verifyNoInteractions(commandGateway);
        }

        @Test
        void aParticipantProposesAsThemselves() throws Exception {
            perform(post("/api/agendas/create/proposals"), "participant", """
                    {"proposalId": "p-1", "proposerId": "p-001", "question": "Q"}""")
                    .andExpect(status().isCreated());
            assertThat(((ProposeConversation) dispatched(1).get(0).getPayload()).proposerId()).isEqualTo("p-001");
        }

        @Test
        void aParticipantCannotProposeInSomebodyElsesName() throws Exception {
            perform(post("/api/agendas/create/proposals"), "participant", """
                    {"proposalId": "p-1", "proposerId": "ana", "question": "Q"}""")
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value("user participant may act only for their own participant record"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void aParticipantCannotRecordSomebodyElsesKeyPoint() throws Exception {
            perform(post("/api/conversations/conv-1/key-points"), "participant", """
                    {"kind": "PROBLEM", "text": "t", "attributedTo": "ana"}""")
                    .andExpect(status().isForbidden());
            verifyNoInteractions(commandGateway);
        }

        @Test
        void aParticipantsEditMayTouchOnlyWhatTheyRecordedANoteTakersAnything() throws Exception {
            when(citableRecords.keyPoint("kp-1"))
                    .thenReturn(Optional.of(new RecordedKeyPoint("kp-1", "conv-1", null, "notetaker", false, false)));
            String edit = "{\"text\": \"clearer\", \"reason\": \"clarity\"}";
            perform(post("/api/conversations/conv-1/key-points/kp-1/edits"), "participant", edit).andExpect(status().isOk());
            perform(post("/api/conversations/conv-1/key-points/kp-1/edits"), "notetaker", edit).andExpect(status().isOk());

            List<CommandMessage<?>> messages = dispatched(2);
            EditKeyPoint byParticipant = (EditKeyPoint) messages.get(0).getPayload();
            EditKeyPoint byNoteTaker = (EditKeyPoint) messages.get(1).getPayload();
            assertThat(byParticipant.editedBy()).isEqualTo("participant");
            assertThat(byParticipant.mayEditOthers()).isFalse();
            assertThat(byNoteTaker.mayEditOthers()).isTrue();
            assertThat(byNoteTaker.text().plainText()).isEqualTo("clearer");
        }

        @Test
        void onlyAnAdminReadsPersonalDataAndNotAfterErasure() throws Exception {
            when(personalDataReader.read("p-1")).thenReturn(new PersonalData("p-1", "Robin", "Jo Bloggs", null, null));
            mvc.perform(get("/api/participants/p-1/personal-data").with(SignedIn.as("admin")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.name").value("Jo Bloggs"));
            mvc.perform(get("/api/participants/p-1/personal-data").with(SignedIn.as("facilitator")))
                    .andExpect(status().isForbidden());

            Constructor<?> gone = Class.forName("org.consultationtracker.command.participant.privacy.ParticipantGone")
                    .getDeclaredConstructor(String.class);
            gone.setAccessible(true);
            when(personalDataReader.read("p-2")).thenThrow((RuntimeException) gone.newInstance("p-2"));
            mvc.perform(get("/api/participants/p-2/personal-data").with(SignedIn.as("admin")))
                    .andExpect(status().isGone())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Nested
    class WordsAndRooms {

        @Test
        void attributedWordsAreEncryptedBeforeTheyAreDispatched() throws Exception {
            EncryptedValue sealed = new EncryptedValue("ana/words", "aXY=", "c2VhbGVk");
            when(keyVault.encrypt("ana/words", "Caseloads must fall")).thenReturn(sealed);
            perform(post("/api/conversations/conv-1/key-points"), "notetaker", """
                    {"keyPointId": "kp-1", "kind": "RECOMMENDATION", "text": "Caseloads must fall", "verbatim": true,
                     "attributedTo": "ana", "occurredAt": "2021-06-12T10:20:00Z"}""")
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", "http://localhost/api/conversations/conv-1/key-points/kp-1"));
            RecordKeyPoint command = (RecordKeyPoint) dispatched(1).get(0).getPayload();
            assertThat(command.text().encryptedText()).isEqualTo(sealed);
            assertThat(command.text().plainText()).isNull();
            assertThat(command.recordedBy()).isEqualTo("notetaker");
            assertThat(command.occurredAt()).hasToString("2021-06-12T10:20:00Z");
        }

        @Test
        void joiningASecondRoomOfTheRoundLeavesTheFirst() throws Exception {
            when(timetable.slotOf("conv-1"))
                    .thenReturn(Optional.of(new Timetable.Slot("create", 1, "room-1", List.of("ana"), true)));
            when(timetable.roundStatus("create", 1)).thenReturn(Timetable.RoundStatus.OPEN);
            when(timetable.whereabouts("create", 1, "cat")).thenReturn(Optional.of("conv-2"));

            perform(post("/api/conversations/conv-1/participants"), "facilitator", """
                    {"participantId": "cat", "occurredAt": "2021-06-12T10:30:00Z"}""")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.movedFromConversationId").value("conv-2"));

            List<CommandMessage<?>> messages = dispatched(2);
            assertThat(messages.get(0).getPayload()).isEqualTo(
                    new LeaveConversation("conv-2", "cat", "conv-1", java.time.Instant.parse("2021-06-12T10:30:00Z")));
            assertThat(messages.get(1).getPayload()).isEqualTo(
                    new JoinConversation("conv-1", "cat", "conv-2", java.time.Instant.parse("2021-06-12T10:30:00Z")));
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aRetryWithTheSameKeyReturnsTheFirstResponseAndDispatchesNothing() throws Exception {
            String first = perform(post("/api/consultations").header("Idempotency-Key", "k-1"), "facilitator", CONSULTATION)
                    .andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString();
            perform(post("/api/consultations").header("Idempotency-Key", "k-1"), "facilitator", CONSULTATION)
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", "http://localhost/api/consultations/c-1"))
                    .andExpect(header().string("Idempotent-Replayed", "true"))
                    .andExpect(content().json(first, true));

            CommandMessage<?> only = dispatched(1).get(0);
            assertThat(only.getMetaData()).containsEntry("idempotencyKey", "k-1");
        }

        @Test
        void theSameKeyWithADifferentRequestIsRefused() throws Exception {
            perform(post("/api/consultations").header("Idempotency-Key", "k-2"), "facilitator", CONSULTATION)
                    .andExpect(status().isCreated());
            perform(post("/api/consultations").header("Idempotency-Key", "k-2"), "facilitator",
                    CONSULTATION.replace("Bridge the Gap", "Another"))
                    .andExpect(status().isUnprocessableEntity())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("Idempotency-Key k-2 was first used for a different request; use a new key."));
            dispatched(1);
        }

        @Test
        void keysBelongToTheirUser() throws Exception {
            perform(post("/api/consultations").header("Idempotency-Key", "k-3"), "facilitator", CONSULTATION)
                    .andExpect(status().isCreated());
            perform(post("/api/consultations").header("Idempotency-Key", "k-3"), "admin", CONSULTATION)
                    .andExpect(status().isCreated())
                    .andExpect(header().doesNotExist("Idempotent-Replayed"));
            dispatched(2);
        }

        @Test
        void aFailedFirstAttemptIsNotRememberedSoTheRetryRunsAgain() throws Exception {
            doThrow(ruleBroken("not yet")).doReturn(null).when(commandGateway).sendAndWait(any());
            perform(post("/api/consultations").header("Idempotency-Key", "k-4"), "facilitator", CONSULTATION)
                    .andExpect(status().isUnprocessableEntity());
            perform(post("/api/consultations").header("Idempotency-Key", "k-4"), "facilitator", CONSULTATION)
                    .andExpect(status().isCreated());
            dispatched(2);
        }
    }

    @Nested
    class Corrections {

        @Test
        void reversingAMergeSendsTheReasonAndWhoReversedIt() throws Exception {
            perform(post("/api/agendas/create/merges/m-1/reversal"), "facilitator", """
                    {"reason": "two different questions after all"}""")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.mergedProposalId").value("m-1"))
                    .andExpect(jsonPath("$.status").value("REVERSED"));
            org.consultationtracker.command.agenda.ReverseMerge command =
                    (org.consultationtracker.command.agenda.ReverseMerge) dispatched(1).get(0).getPayload();
            assertThat(command.reason()).isEqualTo("two different questions after all");
            assertThat(command.reversedBy()).isEqualTo("facilitator");
        }

        @Test
        void aReversalWithoutAReasonIs400AndSendsNothing() throws Exception {
            perform(post("/api/agendas/create/merges/m-1/reversal"), "facilitator", "{}")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("reason"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void anUnknownMergeIs404AndAMergeThatCannotBeReversedIs409() throws Exception {
            when(commandGateway.sendAndWait(any())).thenThrow(
                    new org.consultationtracker.command.UnknownRecord("there is no merge m-9 on agenda create"));
            perform(post("/api/agendas/create/merges/m-9/reversal"), "facilitator", """
                    {"reason": "why"}""")
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.detail").value(containsString("there is no merge m-9")));
            doThrow(new org.consultationtracker.command.CorrectionRefused(
                    "the merged proposal m-1 is scheduled in round 1, room 2")).when(commandGateway).sendAndWait(any());
            perform(post("/api/agendas/create/merges/m-1/reversal"), "facilitator", """
                    {"reason": "why"}""")
                    .andExpect(status().isConflict())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Correction refused"))
                    .andExpect(jsonPath("$.detail").value(containsString("is scheduled in round 1")));
        }

        @Test
        void deletingAMergeIs405WithAProblemPointingAtTheReversal() throws Exception {
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .delete("/api/agendas/create/merges/m-1").with(SignedIn.as("reviewer")))
                    .andExpect(status().isMethodNotAllowed())
                    .andExpect(header().string("Allow", "POST"))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.reversal").value("/api/agendas/create/merges/m-1/reversal"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void splitPartsCarryTheirHostsAndPartsWithoutHostsCarryNone() throws Exception {
            perform(post("/api/agendas/create/proposals/p-1/splits"), "facilitator", """
                    {"parts": [{"proposalId": "p-1a", "question": "A", "hostIds": ["ana"]},
                               {"proposalId": "p-1b", "question": "B"}]}""")
                    .andExpect(status().isCreated());
            org.consultationtracker.command.agenda.SplitProposal command =
                    (org.consultationtracker.command.agenda.SplitProposal) dispatched(1).get(0).getPayload();
            assertThat(command.parts().get(0).hostIds()).containsExactly("ana");
            assertThat(command.parts().get(1).hostIds()).isEmpty();
        }

        @Test
        void aKeyPointSaidOutsideTheRoomIsCreatedWithItsWarning() throws Exception {
            when(commandGateway.sendAndWait(any())).thenReturn(List.of("ben was not in the room"));
            perform(post("/api/conversations/conv-1/key-points"), "notetaker", """
                    {"keyPointId": "kp-1", "kind": "PROBLEM", "text": "Too few places"}""")
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.warnings[0]").value("ben was not in the room"));
        }

        @Test
        void movingAKeyPointNeedsAReasonAndAnotherConversation() throws Exception {
            perform(post("/api/conversations/conv-1/key-points/kp-1/moves"), "facilitator", """
                    {"toConversationId": "conv-2"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("reason"));
            perform(post("/api/conversations/conv-1/key-points/kp-1/moves"), "facilitator", """
                    {"toConversationId": "conv-1", "reason": "wrong room"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("toConversationId"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void movingARetractedKeyPointIs409AndAnUnknownOne404() throws Exception {
            when(commandGateway.sendAndWait(any())).thenThrow(new org.consultationtracker.command.CorrectionRefused(
                    "key point kp-1 has been retracted"));
            perform(post("/api/conversations/conv-1/key-points/kp-1/moves"), "facilitator", """
                    {"toConversationId": "conv-2", "reason": "wrong room"}""")
                    .andExpect(status().isConflict());
            doThrow(new org.consultationtracker.command.UnknownRecord(
                    "conversation conv-1 has no key point kp-9")).when(commandGateway).sendAndWait(any());
            perform(post("/api/conversations/conv-1/key-points/kp-9/moves"), "facilitator", """
                    {"toConversationId": "conv-2", "reason": "wrong room"}""")
                    .andExpect(status().isNotFound());
        }

        @Test
        void aMovedKeyPointIsAddressedUnderItsNewConversation() throws Exception {
            perform(post("/api/conversations/conv-1/key-points/kp-1/moves"), "notetaker", """
                    {"toConversationId": "conv-2", "reason": "said in room 2"}""")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.conversationId").value("conv-2"))
                    .andExpect(jsonPath("$.fromConversationId").value("conv-1"));
            org.consultationtracker.command.conversation.MoveKeyPoint command =
                    (org.consultationtracker.command.conversation.MoveKeyPoint) dispatched(1).get(0).getPayload();
            assertThat(command.movedBy()).isEqualTo("notetaker");
        }
    }
}
