package org.consultationtracker.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The shape of the command side, held by tests so that it survives later changes. */
class ArchitectureTest {

    private static JavaClasses commandSide;

    @BeforeAll
    static void importClasses() {
        commandSide = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.consultationtracker.command");
    }

    @Test
    void aggregatesArePackagePrivate() {
        classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic().check(commandSide);
    }

    @Test
    void theDomainDoesNotKnowTheWebOrSecurity() {
        noClasses().that().resideInAnyPackage("..command.consultation..", "..command.participant..",
                        "..command.agenda..", "..command.conversation..", "..command.report..", "..command.ideas..",
                        "..command.feedback..",
                        "..command.lookup..")
                .should().dependOnClassesThat().resideInAnyPackage("..command.api..", "..command.security..",
                        "org.springframework.web..", "org.springframework.security..")
                .check(commandSide);
    }

    @Test
    void theCommandSideNeverReachesIntoTheQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.consultationtracker.query..")
                .check(commandSide);
    }

    @Test
    void onlyTheApiTalksToTheCommandGateway() {
        noClasses().that().resideOutsideOfPackage("..command.api..")
                .should().dependOnClassesThat().haveFullyQualifiedName(
                        "org.axonframework.commandhandling.gateway.CommandGateway")
                .check(commandSide);
    }
}
