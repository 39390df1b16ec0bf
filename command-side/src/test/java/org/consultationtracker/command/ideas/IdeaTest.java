package org.consultationtracker.command.ideas;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.InMemoryLookupStore;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class IdeaTest {

    private static final Instant AT = Instant.parse("2021-07-01T12:00:00Z");
    private static final Wording ANONYMOUS = Wording.plain("A national register of foster carers");
    private static final Wording ANAS = Wording.encrypted(new EncryptedValue("ana/words", "aXY=", "eA=="));

    private FixtureConfiguration<Idea> fixture;

    @BeforeEach
    void setUp() {
        InMemoryLookupStore store = new InMemoryLookupStore();
        ConsultationDirectory consultations = new ConsultationDirectory(store);
        store.apply(new ConsultationStarted("c-1", "Bridge the Gap", "big question", AT));
        store.apply(new StakeholderGroupDefined("c-1", "foster-carers", "Foster carers", AT));
        store.apply(new SessionScheduled("c-1", "ideas", SessionKind.CALL_FOR_IDEAS, "Call", AT, AT.plusSeconds(86400), AT));
        store.apply(new SessionScheduled("c-1", "create", SessionKind.OPEN_SPACE, "Create", AT, AT.plusSeconds(3600), AT));
        ParticipantDirectory participants = new ParticipantDirectory(store);
        store.apply(new ParticipantRegistered("ana", "c-1", "ana", List.of("foster-carers"), AgeBand.NOT_SAID, null, null, null, AT));
        store.apply(new ParticipantRegistered("erin", "c-1", "erin", List.of("foster-carers"), AgeBand.NOT_SAID, null, null, null, AT));
        store.apply(new ParticipantErased("erin", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                ErasureRequester.THE_PARTICIPANT, "asked in the app", null, AT));
        fixture = new AggregateTestFixture<>(Idea.class);
        fixture.registerInjectableResource(consultations);
        fixture.registerInjectableResource(participants);
    }

    @Test
    void anAnonymousIdeaIsSubmittedToTheCallForIdeas() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdea("idea-1", "c-1", "ideas", "foster-carers", null, ANONYMOUS, AT))
                .expectEvents(new IdeaSubmitted("idea-1", "c-1", "ideas", "foster-carers", null, ANONYMOUS, AT));
    }

    @Test
    void aNamedIdeaCarriesItsAuthorsEncryptedWords() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdea("idea-1", "c-1", null, "foster-carers", "ana", ANAS, AT))
                .expectEvents(new IdeaSubmitted("idea-1", "c-1", null, "foster-carers", "ana", ANAS, AT));
    }

    @Test
    void anIdeaForAConsultationThatNeverStartedIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdea("idea-1", "c-404", null, "foster-carers", null, ANONYMOUS, AT))
                .expectException(IdeaRuleViolation.class)
                .expectExceptionMessage("no consultation c-404 has started");
    }

    @Test
    void anIdeaFromAnUndefinedStakeholderGroupIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdea("idea-1", "c-1", null, "astronauts", null, ANONYMOUS, AT))
                .expectException(IdeaRuleViolation.class)
                .expectExceptionMessage("consultation c-1 defines no stakeholder group astronauts");
    }

    @Test
    void anIdeaForAnUnknownSessionIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdea("idea-1", "c-1", "nowhere", "foster-carers", null, ANONYMOUS, AT))
                .expectException(IdeaRuleViolation.class)
                .expectExceptionMessage("consultation c-1 has no session nowhere");
    }

    @Test
    void ideasGoOnlyToACallForIdeasSession() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdea("idea-1", "c-1", "create", "foster-carers", null, ANONYMOUS, AT))
                .expectException(IdeaRuleViolation.class)
                .expectExceptionMessage("session create is not a Call for Ideas");
    }

    @Test
    void anErasedParticipantCannotSubmitAnIdea() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdea("idea-1", "c-1", null, "foster-carers", "erin",
                        Wording.encrypted(new EncryptedValue("erin/words", "aXY=", "eA==")), AT))
                .expectException(IdeaRuleViolation.class)
                .expectExceptionMessage("participant erin has been erased and can do nothing more");
    }

    @Test
    void aNamedIdeaInClearIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdea("idea-1", "c-1", null, "foster-carers", "ana", ANONYMOUS, AT))
                .expectException(IdeaRuleViolation.class)
                .expectExceptionMessage("an idea from a named participant is encrypted with their words key, an anonymous one is kept in clear");
    }
}
