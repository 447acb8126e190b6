package io.lecturelab.ml;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only io.lecturelab.ml.djl may use DJL; the API and the data layer stay engine-free. */
class ArchitectureTest {

    private static final JavaClasses ML = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lecturelab.ml");

    @Test
    void onlyTheDjlPackageTouchesDjl() {
        noClasses().that().resideOutsideOfPackage("io.lecturelab.ml.djl..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .check(ML);
    }

    @Test
    void theApiDependsOnNoImplementation() {
        noClasses().that().resideInAPackage("io.lecturelab.ml")
                .should().dependOnClassesThat().resideInAnyPackage("io.lecturelab.ml.data..", "io.lecturelab.ml.djl..")
                .check(ML);
    }

    @Test
    void theDataLayerDoesNotDependOnTheEngine() {
        noClasses().that().resideInAPackage("io.lecturelab.ml.data..")
                .should().dependOnClassesThat().resideInAPackage("io.lecturelab.ml.djl..")
                .check(ML);
    }
}
