package org.consultationtracker.command.feedback;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.InMemoryLookupStore;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class SessionFeedbackTest {

    private static final Instant AT = Instant.parse("2021-07-01T12:00:00Z");
    private static final Wording ANONYMOUS = Wording.plain("Thank you for this opportunity");
    private static final Wording ANAS = Wording.encrypted(new EncryptedValue("ana/words", "aXY=", "eA=="));

    private FixtureConfiguration<SessionFeedback> fixture;

    @BeforeEach
    void setUp() {
        InMemoryLookupStore store = new InMemoryLookupStore();
        store.apply(new ConsultationStarted("c-1", "Bridge the Gap", "big question", AT));
        store.apply(new ConsultationStarted("c-2", "Another", "another question", AT));
        store.apply(new SessionScheduled("c-1", "create", SessionKind.OPEN_SPACE, "Create", AT, AT.plusSeconds(3600), AT));
        store.apply(new SessionScheduled("c-2", "elsewhere", SessionKind.OPEN_SPACE, "Other", AT, AT.plusSeconds(3600), AT));
        store.apply(new ParticipantRegistered("ana", "c-1", "ana", List.of(), AgeBand.NOT_SAID, null, null, null, AT));
        store.apply(new ParticipantRegistered("erin", "c-1", "erin", List.of(), AgeBand.NOT_SAID, null, null, null, AT));
        store.apply(new ParticipantErased("erin", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                ErasureRequester.THE_PARTICIPANT, "asked in the app", null, AT));
        fixture = new AggregateTestFixture<>(SessionFeedback.class);
        fixture.registerInjectableResource(new ConsultationDirectory(store));
        fixture.registerInjectableResource(new ParticipantDirectory(store));
    }

    @Test
    void anonymousFeedbackOnASessionIsKeptInClear() {
        fixture.givenNoPriorActivity()
                .when(new GiveSessionFeedback("fb-01", "c-1", "create", null, ANONYMOUS, true, AT))
                .expectEvents(new SessionFeedbackGiven("c-1", "create", "fb-01", null, ANONYMOUS, true, AT));
    }

    @Test
    void namedFeedbackCarriesItsContributorsEncryptedWords() {
        fixture.givenNoPriorActivity()
                .when(new GiveSessionFeedback("fb-2", "c-1", "create", "ana", ANAS, false, AT))
                .expectEvents(new SessionFeedbackGiven("c-1", "create", "fb-2", "ana", ANAS, false, AT));
    }

    @Test
    void feedbackForAConsultationThatNeverStartedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new GiveSessionFeedback("fb-1", "c-404", "create", null, ANONYMOUS, true, AT))
                .expectException(AggregateNotFoundException.class)
                .expectExceptionMessage("no consultation c-404 has started");
    }

    @Test
    void feedbackForASessionOfAnotherConsultationIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new GiveSessionFeedback("fb-1", "c-1", "elsewhere", null, ANONYMOUS, true, AT))
                .expectException(AggregateNotFoundException.class)
                .expectExceptionMessage("consultation c-1 has no session elsewhere");
    }

    @Test
    void anErasedParticipantGivesNoMoreFeedback() {
        fixture.givenNoPriorActivity()
                .when(new GiveSessionFeedback("fb-1", "c-1", "create", "erin",
                        Wording.encrypted(new EncryptedValue("erin/words", "aXY=", "eA==")), true, AT))
                .expectException(FeedbackRuleViolation.class)
                .expectExceptionMessage("participant erin has been erased and can do nothing more");
    }

    @Test
    void namedFeedbackInClearIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new GiveSessionFeedback("fb-1", "c-1", "create", "ana", ANONYMOUS, true, AT))
                .expectException(FeedbackRuleViolation.class)
                .expectExceptionMessage("feedback from a named participant is encrypted with their words key, "
                        + "anonymous feedback is kept in clear");
    }
}
