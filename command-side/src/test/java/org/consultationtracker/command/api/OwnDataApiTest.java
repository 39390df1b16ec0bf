package org.consultationtracker.command.api;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.Timetable;
import org.consultationtracker.command.participant.EraseParticipant;
import org.consultationtracker.command.participant.GiveConsent;
import org.consultationtracker.command.participant.WithdrawConsent;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.command.participant.privacy.PersonalData;
import org.consultationtracker.command.participant.privacy.PersonalDataReader;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A participant account reads its own personal data, gives and withdraws its own consents and asks for its own
 * erasure, and nothing of anybody else; staff per the role table. Every erasure records who asked and why.
 */
@WebMvcTest(properties = "spring.config.name=command-side")
@Import(WebLayerTestConfiguration.class)
class OwnDataApiTest {

    private static final RequestPostProcessor PARTICIPANT = as("pat", "PARTICIPANT", "p-1");
    private static final RequestPostProcessor UNLINKED_PARTICIPANT = as("lee", "PARTICIPANT", null);
    private static final RequestPostProcessor ADMIN = as("ada", "ADMIN", null);
    private static final RequestPostProcessor FACILITATOR = as("fay", "FACILITATOR", null);
    private static final RequestPostProcessor NOTE_TAKER = as("nat", "NOTE_TAKER", null);
    private static final RequestPostProcessor REVIEWER = as("rey", "REVIEWER", null);

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
    private EventStore eventStore;

    private static RequestPostProcessor as(String username, String role, String participantId) {
        return authentication(new AccountAuthentication(
                new Account(username, Set.of(role), participantId, Account.LOCAL)));
    }

    private ResultActions post(String path, RequestPostProcessor user, String body) throws Exception {
        MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON).content(body);
        return mvc.perform(user == null ? request : request.with(user));
    }

    private <T> T dispatchedOnly(Class<T> type) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ArgumentCaptor<CommandMessage<?>> captor = (ArgumentCaptor) ArgumentCaptor.forClass(CommandMessage.class);
        verify(commandGateway, times(1)).sendAndWait(captor.capture());
        return type.cast(captor.getValue().getPayload());
    }

    @Nested
    class PersonalDataInClear {

        @BeforeEach
        void held() {
            when(personalDataReader.read("p-1")).thenReturn(new PersonalData("p-1", "Robin", "Jo Bloggs", null, null));
            when(personalDataReader.read("p-2")).thenReturn(new PersonalData("p-2", "Sam", "Sam Smith", null, null));
        }

        @Test
        void aParticipantReadsTheirOwn() throws Exception {
            mvc.perform(get("/api/participants/p-1/personal-data").with(PARTICIPANT))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.name").value("Jo Bloggs"))
                    .andExpect(jsonPath("$.pseudonym").value("Robin"));
        }

        @Test
        void aParticipantCannotReadAnothersAndLearnsNothingOfThem() throws Exception {
            mvc.perform(get("/api/participants/p-2/personal-data").with(PARTICIPANT))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(content().string(org.hamcrest.Matchers.not(
                            org.hamcrest.Matchers.containsString("Sam"))));
        }

        @Test
        void aParticipantAccountLinkedToNobodyReadsNothing() throws Exception {
            mvc.perform(get("/api/participants/p-1/personal-data").with(UNLINKED_PARTICIPANT))
                    .andExpect(status().isForbidden());
        }

        @Test
        void withoutSigningInTheAnswerIs401() throws Exception {
            mvc.perform(get("/api/participants/p-1/personal-data"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }

        @Test
        void anAdminReadsAnybodysOtherStaffNobodys() throws Exception {
            mvc.perform(get("/api/participants/p-2/personal-data").with(ADMIN))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.name").value("Sam Smith"));
            for (RequestPostProcessor staff : List.of(FACILITATOR, NOTE_TAKER, REVIEWER)) {
                mvc.perform(get("/api/participants/p-2/personal-data").with(staff))
                        .andExpect(status().isForbidden());
            }
        }
    }

    @Nested
    class Consents {

        @Test
        void aParticipantGivesConsentForThemself() throws Exception {
            post("/api/participants/p-1/consents", PARTICIPANT, "{\"purpose\": \"BE_QUOTED\", \"granted\": true}")
                    .andExpect(status().isOk());
            GiveConsent given = dispatchedOnly(GiveConsent.class);
            assertThat(given.participantId()).isEqualTo("p-1");
            assertThat(given.purpose()).isEqualTo(ConsentPurpose.BE_QUOTED);
        }

        @Test
        void aParticipantWithdrawsConsentForThemself() throws Exception {
            post("/api/participants/p-1/consents", PARTICIPANT, "{\"purpose\": \"BE_CONTACTED\", \"granted\": false}")
                    .andExpect(status().isOk());
            WithdrawConsent withdrawn = dispatchedOnly(WithdrawConsent.class);
            assertThat(withdrawn.participantId()).isEqualTo("p-1");
            assertThat(withdrawn.purpose()).isEqualTo(ConsentPurpose.BE_CONTACTED);
        }

        @Test
        void aParticipantCannotChangeAnothersConsents() throws Exception {
            post("/api/participants/p-2/consents", PARTICIPANT, "{\"purpose\": \"BE_QUOTED\", \"granted\": true}")
                    .andExpect(status().isForbidden());
            post("/api/participants/p-2/consents", PARTICIPANT, "{\"purpose\": \"BE_QUOTED\", \"granted\": false}")
                    .andExpect(status().isForbidden());
            post("/api/participants/p-1/consents", UNLINKED_PARTICIPANT,
                    "{\"purpose\": \"BE_QUOTED\", \"granted\": true}")
                    .andExpect(status().isForbidden());
            post("/api/participants/p-1/consents", null, "{\"purpose\": \"BE_QUOTED\", \"granted\": true}")
                    .andExpect(status().isUnauthorized());
            post("/api/participants/p-1/consents", REVIEWER, "{\"purpose\": \"BE_QUOTED\", \"granted\": true}")
                    .andExpect(status().isForbidden());
            verifyNoInteractions(commandGateway);
        }
    }

    @Nested
    class Erasure {

        @Test
        void aParticipantErasingThemselfIsRecordedAsTheParticipantWithTheirReason() throws Exception {
            post("/api/participants/p-1/erasure", PARTICIPANT, """
                    {"contributionPolicy": "WITHDRAW_WORDS", "reason": "I do not want my words kept"}""")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.requestedBy").value("THE_PARTICIPANT"));
            EraseParticipant erase = dispatchedOnly(EraseParticipant.class);
            assertThat(erase.participantId()).isEqualTo("p-1");
            assertThat(erase.requestedBy()).isEqualTo(ErasureRequester.THE_PARTICIPANT);
            assertThat(erase.reason()).isEqualTo("I do not want my words kept");
            assertThat(erase.contributionPolicy()).isEqualTo(ContributionPolicy.WITHDRAW_WORDS);
        }

        @Test
        void aParticipantCannotEraseAnother() throws Exception {
            post("/api/participants/p-2/erasure", PARTICIPANT, """
                    {"contributionPolicy": "WITHDRAW_WORDS", "reason": "because"}""")
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            post("/api/participants/p-1/erasure", null, """
                    {"contributionPolicy": "WITHDRAW_WORDS", "reason": "because"}""")
                    .andExpect(status().isUnauthorized());
            verifyNoInteractions(commandGateway);
        }

        @Test
        void aParticipantCannotClaimToActOnSomebodysBehalf() throws Exception {
            post("/api/participants/p-1/erasure", PARTICIPANT, """
                    {"contributionPolicy": "WITHDRAW_WORDS", "requestedBy": "ON_THEIR_BEHALF", "reason": "because",
                     "requestReference": "letter"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("requestedBy"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void theReasonIsRequiredAndBounded() throws Exception {
            post("/api/participants/p-1/erasure", PARTICIPANT, "{\"contributionPolicy\": \"WITHDRAW_WORDS\"}")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("reason"));
            post("/api/participants/p-1/erasure", PARTICIPANT, "{\"contributionPolicy\": \"WITHDRAW_WORDS\", "
                    + "\"reason\": \"" + "x".repeat(2_001) + "\"}")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("reason"))
                    .andExpect(jsonPath("$.errors[0].message").value("must be at most 2000 characters"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void staffErasingOnTheirBehalfWithoutSayingWhereTheRequestIsRecordedIsABadRequest() throws Exception {
            post("/api/participants/p-2/erasure", FACILITATOR, """
                    {"contributionPolicy": "KEEP_WORDS_DROP_IDENTITY", "reason": "asked at the event"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("requestReference"));
            verifyNoInteractions(commandGateway);
        }

        @Test
        void staffErasingOnTheirBehalfRecordWhereTheRequestIs() throws Exception {
            post("/api/participants/p-2/erasure", ADMIN, """
                    {"contributionPolicy": "KEEP_WORDS_DROP_IDENTITY", "reason": "asked to be forgotten",
                     "requestReference": "letter of 2026-11-02, case 42"}""")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.requestedBy").value("ON_THEIR_BEHALF"));
            EraseParticipant erase = dispatchedOnly(EraseParticipant.class);
            assertThat(erase.requestedBy()).isEqualTo(ErasureRequester.ON_THEIR_BEHALF);
            assertThat(erase.requestReference()).isEqualTo("letter of 2026-11-02, case 42");
        }

        @Test
        void staffCannotRecordAnErasureAsTheParticipantsOwn() throws Exception {
            post("/api/participants/p-2/erasure", FACILITATOR, """
                    {"contributionPolicy": "WITHDRAW_WORDS", "requestedBy": "THE_PARTICIPANT", "reason": "asked",
                     "requestReference": "call of 3 May"}""")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("requestedBy"));
            verifyNoInteractions(commandGateway);
        }
    }
}
