package org.consultationtracker.command.api;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.consultationtracker.access.testing.SignedIn;
import org.consultationtracker.command.feedback.GiveSessionFeedback;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.Timetable;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.command.participant.privacy.PersonalDataReader;
import org.consultationtracker.events.EncryptedValue;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/consultations/{c}/sessions/{s}/feedback}: recorded, refused with the field named, 404, 409, 403. */
@WebMvcTest(properties = "spring.config.name=command-side")
@Import(WebLayerTestConfiguration.class)
class FeedbackApiTest {

    private static final String PATH = "/api/consultations/c-1/sessions/create/feedback";

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

    private ResultActions give(RequestPostProcessor user, String body) throws Exception {
        return mvc.perform(post(PATH).with(user).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private GiveSessionFeedback dispatched() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ArgumentCaptor<CommandMessage<?>> captor = (ArgumentCaptor) ArgumentCaptor.forClass(CommandMessage.class);
        verify(commandGateway).sendAndWait(captor.capture());
        return (GiveSessionFeedback) captor.getValue().getPayload();
    }

    @Test
    void anonymousVerbatimFeedbackIsRecordedAndReadableWhereTheLocationSays() throws Exception {
        give(SignedIn.as("facilitator"), """
                {"feedbackId": "fb-01", "text": "Thank you for this opportunity", "verbatim": true,
                 "occurredAt": "2021-06-12T16:00:00Z"}""")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/session-feedback/fb-01"))
                .andExpect(jsonPath("$.sessionId").value("create"));
        GiveSessionFeedback command = dispatched();
        assertThat(command.consultationId()).isEqualTo("c-1");
        assertThat(command.contributorId()).isNull();
        assertThat(command.text().plainText()).isEqualTo("Thank you for this opportunity");
        assertThat(command.verbatim()).isTrue();
    }

    @Test
    void aNamedContributorsWordsAreEncryptedBeforeTheyAreDispatched() throws Exception {
        EncryptedValue sealed = new EncryptedValue("ana/words", "aXY=", "c2VhbGVk");
        when(keyVault.encrypt("ana/words", "It helped")).thenReturn(sealed);
        give(SignedIn.as("notetaker"), """
                {"feedbackId": "fb-2", "contributorId": "ana", "text": "It helped"}""")
                .andExpect(status().isCreated());
        GiveSessionFeedback command = dispatched();
        assertThat(command.text().encryptedText()).isEqualTo(sealed);
        assertThat(command.text().plainText()).isNull();
        assertThat(command.verbatim()).as("false when left out").isFalse();
    }

    @Test
    void missingWordsAndABadIdAreRefusedNamingTheFieldAndNothingIsSent() throws Exception {
        give(SignedIn.as("facilitator"), "{\"feedbackId\": \"fb-3\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        give(SignedIn.as("facilitator"), "{\"feedbackId\": \"no spaces\", \"text\": \"t\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("feedbackId"));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void anUnknownConsultationOrSessionIsNotFound() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(
                new AggregateNotFoundException("create", "consultation c-1 has no session create"));
        give(SignedIn.as("facilitator"), "{\"text\": \"t\"}")
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("create")));
    }

    @Test
    void anIdAlreadyInUseIsAConflictNamingTheField() throws Exception {
        when(eventStore.lastSequenceNumberFor("fb-01")).thenReturn(Optional.of(0L));
        give(SignedIn.as("facilitator"), "{\"feedbackId\": \"fb-01\", \"text\": \"t\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("feedbackId"));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void aParticipantGivesFeedbackOnlyAsThemselvesAndAReviewerNot() throws Exception {
        give(SignedIn.participant("ana"), "{\"contributorId\": \"bo\", \"text\": \"t\"}")
                .andExpect(status().isForbidden());
        give(SignedIn.as("reviewer"), "{\"text\": \"t\"}").andExpect(status().isForbidden());
        verifyNoInteractions(commandGateway);
    }
}
