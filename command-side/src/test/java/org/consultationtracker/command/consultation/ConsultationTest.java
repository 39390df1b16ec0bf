package org.consultationtracker.command.consultation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

class ConsultationTest {

    private static final Instant AT = Instant.parse("2021-05-10T09:00:00Z");
    private static final String BIG_QUESTION = "How do we ensure children grow up in loving, stable and safe families?";

    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Consultation.class);
    }

    @Test
    void startingWithoutGroupsDefinesTheEightDefaultStakeholderGroups() {
        List<Object> expected = new ArrayList<>();
        expected.add(new ConsultationStarted("c-1", "Bridge the Gap", BIG_QUESTION, AT));
        expected.add(new StakeholderGroupDefined("c-1", "care-experienced-young-people", "Care-experienced young people", AT));
        expected.add(new StakeholderGroupDefined("c-1", "care-experienced-adults", "Care-experienced adults", AT));
        expected.add(new StakeholderGroupDefined("c-1", "birth-parents-and-families", "Birth parents and families", AT));
        expected.add(new StakeholderGroupDefined("c-1", "kinship-carers-and-special-guardians",
                "Kinship carers and special guardians", AT));
        expected.add(new StakeholderGroupDefined("c-1", "foster-carers", "Foster carers", AT));
        expected.add(new StakeholderGroupDefined("c-1", "adoptive-parents", "Adoptive parents", AT));
        expected.add(new StakeholderGroupDefined("c-1", "social-workers", "Social workers", AT));
        expected.add(new StakeholderGroupDefined("c-1", "other-professionals", "Other professionals", AT));

        fixture.givenNoPriorActivity()
                .when(new StartConsultation("c-1", "Bridge the Gap", BIG_QUESTION, List.of(), AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(expected.toArray());
    }

    @Test
    void startingWithItsOwnGroupsDefinesOnlyThose() {
        fixture.givenNoPriorActivity()
                .when(new StartConsultation("c-1", "Local review", BIG_QUESTION,
                        List.of(new StakeholderGroup("young-carers", "Young carers")), AT))
                .expectEvents(new ConsultationStarted("c-1", "Local review", BIG_QUESTION, AT),
                        new StakeholderGroupDefined("c-1", "young-carers", "Young carers", AT));
    }

    @Test
    void startingWithAGroupIdNamedTwiceIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new StartConsultation("c-1", "Local review", BIG_QUESTION, List.of(
                        new StakeholderGroup("carers", "Carers"), new StakeholderGroup("carers", "Other carers")), AT))
                .expectException(ConsultationRuleViolation.class)
                .expectExceptionMessage("stakeholder group carers is named twice")
                .expectNoEvents();
    }

    @Test
    void startingWithTwoGroupsOfTheSameNameIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new StartConsultation("c-1", "Local review", BIG_QUESTION, List.of(
                        new StakeholderGroup("carers", "Carers"), new StakeholderGroup("carers-2", "CARERS")), AT))
                .expectException(ConsultationRuleViolation.class)
                .expectExceptionMessage("two stakeholder groups are called \"CARERS\"");
    }

    @Test
    void definingAStakeholderGroupAddsItToTheConsultation() {
        fixture.given(started())
                .when(new DefineStakeholderGroup("c-1", "independent-visitors", "Independent visitors", AT))
                .expectEvents(new StakeholderGroupDefined("c-1", "independent-visitors", "Independent visitors", AT));
    }

    @Test
    void definingAGroupWhoseIdIsTakenIsRejected() {
        fixture.given(started(), new StakeholderGroupDefined("c-1", "foster-carers", "Foster carers", AT))
                .when(new DefineStakeholderGroup("c-1", "foster-carers", "Fostering families", AT))
                .expectException(ConsultationRuleViolation.class)
                .expectExceptionMessage("stakeholder group foster-carers is already defined");
    }

    @Test
    void definingAGroupWhoseNameIsTakenIsRejectedWhateverTheCase() {
        fixture.given(started(), new StakeholderGroupDefined("c-1", "foster-carers", "Foster carers", AT))
                .when(new DefineStakeholderGroup("c-1", "fc", "foster CARERS", AT))
                .expectException(ConsultationRuleViolation.class)
                .expectExceptionMessage("a stakeholder group is already called \"foster CARERS\"");
    }

    @Test
    void schedulingASessionPutsItInTheCalendar() {
        Instant starts = Instant.parse("2021-06-12T09:00:00Z");
        Instant ends = Instant.parse("2021-06-12T15:00:00Z");
        fixture.given(started())
                .when(new ScheduleSession("c-1", "create", SessionKind.OPEN_SPACE, "Create", starts, ends, AT))
                .expectEvents(new SessionScheduled("c-1", "create", SessionKind.OPEN_SPACE, "Create", starts, ends, AT));
    }

    @Test
    void schedulingTheSameSessionTwiceIsRejected() {
        Instant starts = Instant.parse("2021-06-12T09:00:00Z");
        Instant ends = Instant.parse("2021-06-12T15:00:00Z");
        fixture.given(started(),
                        new SessionScheduled("c-1", "create", SessionKind.OPEN_SPACE, "Create", starts, ends, AT))
                .when(new ScheduleSession("c-1", "create", SessionKind.WORKSHOP, "Again", starts, ends, AT))
                .expectException(ConsultationRuleViolation.class)
                .expectExceptionMessage("session create is already scheduled");
    }

    @Test
    void aSessionThatEndsBeforeItStartsIsRejected() {
        Instant starts = Instant.parse("2021-06-12T15:00:00Z");
        fixture.given(started())
                .when(new ScheduleSession("c-1", "create", SessionKind.OPEN_SPACE, "Create", starts,
                        starts.minusSeconds(60), AT))
                .expectException(ConsultationRuleViolation.class)
                .expectExceptionMessage("a session must end after it starts");
    }

    private static ConsultationStarted started() {
        return new ConsultationStarted("c-1", "Bridge the Gap", BIG_QUESTION, AT);
    }
}
