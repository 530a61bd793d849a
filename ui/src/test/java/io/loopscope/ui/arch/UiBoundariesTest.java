package io.loopscope.ui.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README: ui sits below app; view models expose properties and never touch controls, so they test
 * without a toolkit; its packages depend on each other one way (no cycles).
 */
class UiBoundariesTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.loopscope.ui");
    }

    @Test
    void knowsNothingOfTheApp() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.loopscope.app..").check(classes);
    }

    @Test
    void viewModelsTouchNoControlsWindowsOrScenes() {
        noClasses().that().resideInAPackage("io.loopscope.ui.vm..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx.scene.control..", "javafx.scene.layout..", "javafx.stage..", "javafx.fxml..", "io.loopscope.ui.view..")
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.loopscope.ui.(*)..").should().beFreeOfCycles().check(classes);
    }
}
