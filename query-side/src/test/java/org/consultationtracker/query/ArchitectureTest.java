package org.consultationtracker.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "org.consultationtracker.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The two services share the published language and the store, nothing else. */
    @ArchTest
    static final ArchRule queryNeverUsesTheCommandSide =
            noClasses().should().dependOnClassesThat().resideInAPackage("org.consultationtracker.command..");

    /** Projections are the same code live, in rebuilds and "as of": they must not reach for the web layer. */
    @ArchTest
    static final ArchRule readModelsDoNotDependOnTheApi =
            noClasses().that().resideOutsideOfPackage("org.consultationtracker.query.api..")
                       .should().dependOnClassesThat().resideInAPackage("org.consultationtracker.query.api..");
}
