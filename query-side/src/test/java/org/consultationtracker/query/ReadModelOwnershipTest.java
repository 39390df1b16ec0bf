package org.consultationtracker.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import org.consultationtracker.query.readmodel.ReadModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Each read model's document layout is private to its package: no class elsewhere reads its collections, neither
 * through {@code ReadModel.X} (the only way to a {@code ModelCollection} handle or to the store's by-name reads) nor by
 * naming a collection in a string. Other packages ask the model's package, which answers with typed records. The
 * packages that handle every model alike (generations, rebuilds, parking) name models but read no documents.
 */
@AnalyzeClasses(packages = "org.consultationtracker.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ReadModelOwnershipTest {

    private static final String QUERY = "org.consultationtracker.query.";

    /** The package whose projection writes each model (and which alone reads it). */
    static final Map<ReadModel, String> OWNERS = Map.of(
            ReadModel.PARTICIPANTS, "participants", ReadModel.AGENDA, "agenda",
            ReadModel.PARTICIPATION, "participation", ReadModel.AUDIT_TRAIL, "audittrail",
            ReadModel.COVERAGE, "coverage", ReadModel.AUDIT_LOG, "auditlog",
            ReadModel.PROVENANCE, "provenance", ReadModel.REPORT, "report",
            ReadModel.SESSION_FEEDBACK, "feedback");

    /** Name models to run, rebuild, park and describe them; they read no model's documents. */
    private static final List<String> EVERY_MODEL_ALIKE = List.of("readmodel", "replay", "parking");

    @ArchTest
    static void onlyTheOwningPackageNamesItsModel(JavaClasses classes) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<ReadModel, String> owner : OWNERS.entrySet()) {
            List<String> allowed = new ArrayList<>();
            allowed.add(QUERY + owner.getValue() + "..");
            EVERY_MODEL_ALIKE.forEach(p -> allowed.add(QUERY + p + ".."));
            var result = noClasses().that().resideOutsideOfPackages(allowed.toArray(String[]::new))
                       .should().accessField(ReadModel.class, owner.getKey().name())
                       .because("read model " + owner.getKey().id() + " is read only by package "
                                        + owner.getValue() + ", which answers others with typed records")
                       .evaluate(classes);
            if (result.hasViolation()) {
                violations.addAll(result.getFailureReport().getDetails());
            }
        }
        org.assertj.core.api.Assertions.assertThat(violations).as("every model checked, every violation listed")
                                       .isEmpty();
    }

    @ArchTest
    static void modelPackagesDoNotLookModelsUpByName(JavaClasses classes) {
        String[] modelPackages = OWNERS.values().stream().map(p -> QUERY + p + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(modelPackages)
                   .should().callMethod(ReadModel.class, "byId", String.class)
                   .orShould().callMethod(ReadModel.class, "values")
                   .orShould().callMethod(ReadModel.class, "valueOf", String.class)
                   .because("a model package reaches only its own model, by its constant")
                   .check(classes);
    }
}
