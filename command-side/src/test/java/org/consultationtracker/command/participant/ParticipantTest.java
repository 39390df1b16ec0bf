package org.consultationtracker.command.participant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.InMemoryLookupStore;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.consultationtracker.events.participant.ErasureRequester.NOT_RECORDED;
import static org.consultationtracker.events.participant.ErasureRequester.ON_THEIR_BEHALF;
import static org.consultationtracker.events.participant.ErasureRequester.THE_PARTICIPANT;
import static org.consultationtracker.events.participant.ConsentPurpose.BE_QUOTED;
import static org.consultationtracker.events.participant.ConsentPurpose.TAKE_PART;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class ParticipantTest {

    private static final Instant AT = Instant.parse("2021-06-12T08:30:00Z");
    private static final EncryptedValue NAME = new EncryptedValue("p-1/identity", "aXY=", "bmFtZQ==");
    private static final EncryptedValue CONTACT = new EncryptedValue("p-1/identity", "aXYy", "Y29udGFjdA==");

    private FixtureConfiguration<Participant> fixture;
    private ParticipantKeyVault keyVault;

    @BeforeEach
    void setUp() {
        InMemoryLookupStore store = new InMemoryLookupStore();
        ConsultationDirectory consultations = new ConsultationDirectory(store);
        store.apply(new ConsultationStarted("c-1", "Bridge the Gap", "big question", AT));
        store.apply(new StakeholderGroupDefined("c-1", "foster-carers", "Foster carers", AT));
        keyVault = mock(ParticipantKeyVault.class);
        fixture = new AggregateTestFixture<>(Participant.class);
        fixture.registerInjectableResource(consultations);
        fixture.registerInjectableResource(keyVault);
    }

    @Test
    void registeringRecordsTheParticipantAndEachConsentGiven() {
        fixture.givenNoPriorActivity()
                .when(register("c-1", List.of("foster-carers"), NAME, Set.of(BE_QUOTED, TAKE_PART)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(), new ConsentGiven("p-1", TAKE_PART, AT), new ConsentGiven("p-1", BE_QUOTED, AT));
    }

    @Test
    void registeringForAConsultationThatNeverStartedIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register("c-404", List.of("foster-carers"), NAME, Set.of()))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("no consultation c-404 has started");
    }

    @Test
    void registeringInAStakeholderGroupTheConsultationDoesNotDefineIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register("c-1", List.of("foster-carers", "astronauts"), NAME, Set.of()))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("consultation c-1 defines no stakeholder group astronauts");
    }

    @Test
    void personalDataEncryptedWithAnotherParticipantsKeyIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register("c-1", List.of("foster-carers"),
                        new EncryptedValue("p-2/identity", "aXY=", "bmFtZQ=="), Set.of()))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("personal data must be encrypted with the participant's identity key");
    }

    @Test
    void givingConsentRecordsIt() {
        fixture.given(registered())
                .when(new GiveConsent("p-1", BE_QUOTED, AT))
                .expectEvents(new ConsentGiven("p-1", BE_QUOTED, AT));
    }

    @Test
    void givingConsentAlreadyGivenIsRejected() {
        fixture.given(registered(), new ConsentGiven("p-1", BE_QUOTED, AT))
                .when(new GiveConsent("p-1", BE_QUOTED, AT))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("consent to BE_QUOTED is already given");
    }

    @Test
    void withdrawingConsentRecordsIt() {
        fixture.given(registered(), new ConsentGiven("p-1", BE_QUOTED, AT))
                .when(new WithdrawConsent("p-1", BE_QUOTED, AT))
                .expectEvents(new ConsentWithdrawn("p-1", BE_QUOTED, AT));
    }

    @Test
    void withdrawingConsentNeverGivenIsRejected() {
        fixture.given(registered())
                .when(new WithdrawConsent("p-1", BE_QUOTED, AT))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("consent to BE_QUOTED was not given");
    }

    @Test
    void erasingDestroysTheKeysFirstAndThenSaysSoWithWhoAskedAndWhy() {
        fixture.given(registered())
                .when(new EraseParticipant("p-1", ContributionPolicy.WITHDRAW_WORDS, THE_PARTICIPANT,
                        "asked in the app", null, AT))
                .expectEvents(new ParticipantErased("p-1", ContributionPolicy.WITHDRAW_WORDS, THE_PARTICIPANT,
                        "asked in the app", null, AT));
        verify(keyVault).destroyKeys("p-1", ContributionPolicy.WITHDRAW_WORDS);
    }

    @Test
    void anErasureOnTheirBehalfRecordsWhereTheRequestIs() {
        fixture.given(registered())
                .when(new EraseParticipant("p-1", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY, ON_THEIR_BEHALF,
                        "asked to be forgotten", "letter of 2026-11-02, case 42", AT))
                .expectEvents(new ParticipantErased("p-1", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                        ON_THEIR_BEHALF, "asked to be forgotten", "letter of 2026-11-02, case 42", AT));
    }

    @Test
    void anErasureOnTheirBehalfWithoutWhereTheRequestIsRecordedIsRejectedAndKeepsTheKeys() {
        fixture.given(registered())
                .when(new EraseParticipant("p-1", ContributionPolicy.WITHDRAW_WORDS, ON_THEIR_BEHALF,
                        "asked to be forgotten", " ", AT))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("an erasure on the participant's behalf must say where their request is "
                        + "recorded");
        verify(keyVault, never()).destroyKeys(anyString(), any());
    }

    @Test
    void anErasureWithoutAReasonIsRejected() {
        fixture.given(registered())
                .when(new EraseParticipant("p-1", ContributionPolicy.WITHDRAW_WORDS, THE_PARTICIPANT, "", null, AT))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("an erasure must record why it was asked for");
        verify(keyVault, never()).destroyKeys(anyString(), any());
    }

    @Test
    void anErasureSayingWhoAskedWasNotRecordedIsRejected() {
        fixture.given(registered())
                .when(new EraseParticipant("p-1", ContributionPolicy.WITHDRAW_WORDS, NOT_RECORDED, "why", null, AT))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("an erasure must record who asked for it: the participant themself or staff "
                        + "on their behalf");
        verify(keyVault, never()).destroyKeys(anyString(), any());
    }

    @Test
    void anErasedParticipantCannotBeErasedAgain() {
        fixture.given(registered(), erased())
                .when(new EraseParticipant("p-1", ContributionPolicy.WITHDRAW_WORDS, THE_PARTICIPANT, "again", null, AT))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("participant p-1 has been erased and can do nothing more");
        verify(keyVault, never()).destroyKeys(anyString(), any());
    }

    @Test
    void anErasedParticipantCannotGiveConsent() {
        fixture.given(registered(), erased())
                .when(new GiveConsent("p-1", TAKE_PART, AT))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("participant p-1 has been erased and can do nothing more");
    }

    @Test
    void anErasedParticipantCannotWithdrawConsent() {
        fixture.given(registered(), new ConsentGiven("p-1", TAKE_PART, AT),
                        erased())
                .when(new WithdrawConsent("p-1", TAKE_PART, AT))
                .expectException(ParticipantRuleViolation.class)
                .expectExceptionMessage("participant p-1 has been erased and can do nothing more");
    }

    private static RegisterParticipant register(String consultationId, List<String> groups, EncryptedValue name,
                                                Set<ConsentPurpose> consents) {
        return new RegisterParticipant("p-1", consultationId, "Robin", groups, AgeBand.AGED_18_TO_25, name, CONTACT,
                null, consents, AT);
    }

    private static ParticipantErased erased() {
        return new ParticipantErased("p-1", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY, THE_PARTICIPANT,
                "asked in the app", null, AT);
    }

    private static ParticipantRegistered registered() {
        return new ParticipantRegistered("p-1", "c-1", "Robin", List.of("foster-carers"), AgeBand.AGED_18_TO_25, NAME,
                CONTACT, null, AT);
    }
}
