package io.loopscope.inference.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** README: inference knows no Smile or JavaFX and nothing of the modules above it; its packages form no cycle. */
class InferenceBoundariesTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.loopscope.inference");
    }

    @Test
    void knowsNoSmileJavaFxOrTheModulesAboveIt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("smile..", "javafx..", "io.loopscope.analysis..",
                "io.loopscope.ui..", "io.loopscope.app..").check(classes);
    }

    @Test
    void itsPackagesFormNoCycle() {
        slices().matching("io.loopscope.inference.(*)..").should().beFreeOfCycles().check(classes);
    }
}
