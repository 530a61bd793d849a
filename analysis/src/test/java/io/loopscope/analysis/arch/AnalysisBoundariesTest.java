package io.loopscope.analysis.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** README: analysis knows no JavaFX and nothing of ui or app; its packages form no cycle. */
class AnalysisBoundariesTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.loopscope.analysis");
    }

    @Test
    void knowsNoJavaFxUiOrApp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.loopscope.ui..", "io.loopscope.app..").check(classes);
    }

    @Test
    void itsPackagesFormNoCycle() {
        slices().matching("io.loopscope.analysis.(*)..").should().beFreeOfCycles().check(classes);
    }
}
