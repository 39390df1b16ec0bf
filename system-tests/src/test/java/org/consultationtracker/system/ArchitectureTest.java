package org.consultationtracker.system;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of docs/architecture.md, held over the production classes of every module. */
@AnalyzeClasses(packages = "org.consultationtracker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commandSideNeverImportsQuerySide = noClasses()
            .that().resideInAPackage("org.consultationtracker.command..")
            .should().dependOnClassesThat().resideInAPackage("org.consultationtracker.query..");

    @ArchTest
    static final ArchRule querySideNeverImportsCommandSide = noClasses()
            .that().resideInAPackage("org.consultationtracker.query..")
            .should().dependOnClassesThat().resideInAPackage("org.consultationtracker.command..");

    @ArchTest
    static final ArchRule sharedEventsDependOnNothingOfOurs = classes()
            .that().resideInAPackage("org.consultationtracker.events..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "org.consultationtracker.events..", "java..", "org.axonframework.serialization..",
                    "com.fasterxml.jackson.annotation..");

    /** The importer is a client of the public HTTP API like any other: it may know nothing of the services' code. */
    @ArchTest
    static final ArchRule importerUsesOnlyThePublicApi = classes()
            .that().resideInAPackage("org.consultationtracker.importer..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                    "org.consultationtracker.command..", "org.consultationtracker.query..",
                    "org.consultationtracker.eventstore..", "org.consultationtracker.events..");

    @ArchTest
    static final ArchRule eventStoreKnowsNoDomain = noClasses()
            .that().resideInAPackage("org.consultationtracker.eventstore..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.consultationtracker.command..", "org.consultationtracker.query..",
                    "org.consultationtracker.events..");
}
