package org.consultationtracker.events;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/** Holds the conventions the query side relies on, so an event added later cannot quietly break them. */
class EventConventionsTest {

    private static final Set<String> CAPABILITIES =
            Set.of("consultation", "participant", "agenda", "conversation", "report", "ideas");
    /** Events whose shape changed, with their current revision (docs/events.md says what changed). */
    private static final Map<String, String> LATER_REVISIONS = Map.of("ReportPublished", "2",
            "ConversationProposed", "2", "ProposalPitched", "2", "ProposalClarified", "2", "ConversationScheduled", "2",
            "ParticipantErased", "2", "ProposalSplit", "2");

    /** Events whose shape changed, with their current revision; each has an upcaster from the one before. */

    private static JavaClasses published;

    @BeforeAll
    static void importClasses() {
        published = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.consultationtracker.events");
    }

    private static List<Class<?>> events() {
        return published.stream()
                .filter(c -> c.isAnnotatedWith(Revision.class))
                .map(JavaClass::reflect)
                .toList();
    }

    @Test
    void theCatalogueHoldsEveryEventOfEveryCapability() {
        assertThat(events()).hasSize(38);
        assertThat(events()).allSatisfy(event -> {
            String capability = event.getPackageName().substring(event.getPackageName().lastIndexOf('.') + 1);
            assertThat(CAPABILITIES).contains(capability);
        });
    }

    @Test
    void everyEventIsARecordWithARevisionAndEndsWithOccurredAt() {
        assertThat(events()).allSatisfy(event -> {
            assertThat(event.isRecord()).as(event.getSimpleName() + " is a record").isTrue();
            // Revision 1 unless its shape changed since; each later revision has an upcaster in the event store.
            assertThat(event.getAnnotation(Revision.class).value())
                    .isEqualTo(LATER_REVISIONS.getOrDefault(event.getSimpleName(), "1"));
            RecordComponent[] components = event.getRecordComponents();
            RecordComponent last = components[components.length - 1];
            assertThat(last.getName()).as(event.getSimpleName() + " ends with occurredAt").isEqualTo("occurredAt");
            assertThat(last.getType()).isEqualTo(Instant.class);
        });
    }

    @Test
    void eventsCarryIdsAndValuesNotDomainObjects() {
        Set<String> allowedPackages = Set.of("java.lang", "java.time", "java.util", "org.consultationtracker.events");
        assertThat(events()).allSatisfy(event -> Arrays.stream(event.getRecordComponents())
                .map(c -> c.getType().isPrimitive() ? "java.lang" : c.getType().getPackageName())
                .forEach(pkg -> assertThat(allowedPackages.stream().anyMatch(pkg::startsWith))
                        .as(event.getSimpleName() + " uses " + pkg).isTrue()));
    }

    @Test
    void thePublishedLanguageDependsOnlyOnTheJdkAndAnnotations() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.consultationtracker.events..",
                        "org.axonframework.serialization..", "com.fasterxml.jackson.annotation..")
                .check(published);
    }
}
