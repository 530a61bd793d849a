package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.ui.engine.GenerateSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Generate settings of the run bar: typed values become settings or a message naming the field. No toolkit. */
class GenerateSettingsViewModelTest {

    private static String problem(GenerateSettingsViewModel vm) {
        return assertThrows(IllegalArgumentException.class, vm::toSettings).getMessage();
    }

    @Test
    void startsAtTheDefaultsAndANewCriterionBringsItsThreshold() {
        GenerateSettingsViewModel vm = new GenerateSettingsViewModel();
        assertEquals(GenerateSettings.DEFAULTS, vm.toSettings());
        assertEquals("0.0005", vm.thresholdProperty().get());
        vm.criterionProperty().set(ExitCriterion.LATENT_DIFF);
        assertEquals("0.03", vm.thresholdProperty().get());
        vm.criterionProperty().set(ExitCriterion.NONE);
        assertFalse(vm.thresholdEnabled().get(), "none has no threshold to type");
        vm.thresholdProperty().set("nonsense");
        assertEquals(0, vm.toSettings().threshold(), "and ignores what the field holds");
    }

    @Test
    void everyBadValueSaysWhichFieldAndWhy() {
        GenerateSettingsViewModel vm = new GenerateSettingsViewModel();
        vm.thresholdProperty().set("abc");
        assertEquals("the exit threshold must be a number, got 'abc'", problem(vm));
        vm.thresholdProperty().set("-1");
        assertTrue(problem(vm).contains("threshold of kl must be a positive number"), "the engine's own rule");
        vm.thresholdProperty().set("");
        assertEquals("the exit threshold is empty; type a number", problem(vm));
        vm.thresholdProperty().set("1e-3");
        vm.maxNewTokensProperty().set(0);
        assertTrue(problem(vm).contains("max-new-tokens must be >= 1"), problem(vm));
        vm.maxNewTokensProperty().set(8);

        vm.sampleProperty().set(true);
        vm.temperatureProperty().set("0");
        assertTrue(problem(vm).startsWith("sampling needs a temperature above 0"));
        vm.temperatureProperty().set("-0.5");
        assertTrue(problem(vm).contains("temperature must be a finite number >= 0"), problem(vm));
        vm.temperatureProperty().set("0.7");
        vm.topPProperty().set("1.5");
        assertTrue(problem(vm).contains("top-p must be in (0, 1]"), problem(vm));
        vm.topPProperty().set("0.9");
        vm.minPProperty().set("x");
        assertEquals("min-p must be a number, got 'x'", problem(vm));
        vm.minPProperty().set("0.05");
        vm.topKProperty().set(-1);
        assertTrue(problem(vm).contains("top-k must be >= 0"), problem(vm));
        vm.topKProperty().set(20);
        vm.sampleSeedProperty().set(42);
        assertEquals(new Sampling(0.7, 20, 0.9, 0.05, 42), vm.toSettings().sampling());
        vm.sampleProperty().set(false);
        assertEquals(Sampling.GREEDY, vm.toSettings().sampling(), "unticked: greedy, whatever the fields say");
    }

    @Test
    void stopStringsAreSeparatedByBarsWithAnEscape() {
        assertEquals(List.of("==", "a|b", " "), GenerateSettingsViewModel.parseStops("==|a\\|b|| "));
        assertEquals(List.of(), GenerateSettingsViewModel.parseStops(""));
        assertEquals("==|a\\|b", GenerateSettingsViewModel.formatStops(List.of("==", "a|b")));
    }

    @Test
    void applyPutsSettingsBackAsTheyWere() {
        GenerateSettings s = new GenerateSettings(5, ExitCriterion.ENTROPY_DIFF, 2e-3, KvSharing.SKIP, true,
                new Sampling(1.2, 0, 0.95, 0, 7), List.of(".", "x|y"));
        GenerateSettingsViewModel vm = new GenerateSettingsViewModel();
        vm.apply(s);
        assertEquals(s, vm.toSettings());
        assertEquals("0.002", vm.thresholdProperty().get());
    }
}
