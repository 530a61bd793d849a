package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.ui.engine.FileSettings;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.engine.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run bar's logic, without a toolkit. */
class RunViewModelTest {

    @Test
    void historyWalksBackAndReturnsToTheDraft() {
        Settings s = Settings.inMemory();
        s.savePromptHistory(List.of("newest", "older"));
        RunViewModel vm = new RunViewModel(s, true);
        assertEquals("newest", vm.promptProperty().get(), "the last prompt is offered again");
        vm.promptProperty().set("draft");
        vm.historyUp();
        assertEquals("newest", vm.promptProperty().get());
        vm.historyUp();
        assertEquals("older", vm.promptProperty().get());
        vm.historyUp();
        assertEquals("older", vm.promptProperty().get(), "stops at the oldest");
        vm.historyDown();
        assertEquals("newest", vm.promptProperty().get());
        vm.historyDown();
        assertEquals("draft", vm.promptProperty().get());
    }

    @Test
    void runningAPromptPutsItFirstInTheSavedHistory() {
        Settings s = Settings.inMemory();
        s.savePromptHistory(List.of("a", "b"));
        RunViewModel vm = new RunViewModel(s, true);
        vm.promptProperty().set("b");
        vm.started(vm.toSpec());
        assertEquals(List.of("b", "a"), s.promptHistory());
        assertTrue(vm.runningProperty().get());
        assertFalse(vm.canRun().get(), "no second run while one is in flight");
    }

    @Test
    void specCarriesTheSettingsAndRejectsBadInput() {
        RunViewModel vm = new RunViewModel(Settings.inMemory(), true);
        assertFalse(vm.canRun().get(), "empty prompt");
        assertThrows(IllegalArgumentException.class, vm::toSpec);
        vm.promptProperty().set("the cat");
        vm.iterationsProperty().set(64);
        vm.initProperty().set(RunSpec.InitMode.ZEROS);
        vm.seedProperty().set(9);
        assertTrue(vm.canRun().get());
        assertFalse(vm.seedEnabled().get(), "a seed means nothing for zeros");
        RunSpec spec = vm.toSpec();
        assertEquals(64, spec.iterations());
        assertEquals(RunSpec.InitMode.ZEROS, spec.init());
        assertEquals(ModelRef.embeddedModel(), spec.model());
        vm.iterationsProperty().set(RunViewModel.MAX_ITERATIONS + 1);
        assertThrows(IllegalArgumentException.class, vm::toSpec);
    }

    @Test
    void openedFoldersAreRememberedAfterTheEmbeddedModel() {
        Settings s = Settings.inMemory();
        RunViewModel vm = new RunViewModel(s, true);
        vm.openFolder(Path.of("/models/a"));
        vm.openFolder(Path.of("/models/b"));
        vm.openFolder(Path.of("/models/a"));
        assertEquals(List.of(ModelRef.embeddedModel(), ModelRef.folder(Path.of("/models/a")), ModelRef.folder(Path.of("/models/b"))), vm.models());
        assertEquals(ModelRef.folder(Path.of("/models/a")), vm.modelProperty().get());
        assertEquals(List.of("/models/a", "/models/b"), s.recentModels());
        RunViewModel again = new RunViewModel(s, false);
        assertEquals(2, again.models().size(), "recent folders come back next session");
    }

    @Test
    void generateModeBuildsAGenerationSpecAndSaysWhatIsWrongAsItIsTyped() {
        RunViewModel vm = new RunViewModel(Settings.inMemory(), true);
        vm.promptProperty().set("47+85=");
        assertEquals(null, vm.toSpec().generate(), "Run mode: one pass");
        vm.modeProperty().set(RunMode.GENERATE);
        vm.generate().maxNewTokensProperty().set(4);
        RunSpec spec = vm.toSpec();
        assertEquals(4, spec.generate().maxNewTokens());
        assertEquals(ExitCriterion.KL, spec.generate().criterion());
        assertEquals("", vm.problemProperty().get());
        vm.generate().thresholdProperty().set("zero");
        assertEquals("the exit threshold must be a number, got 'zero'", vm.problemProperty().get(), "shown while typing");
        assertThrows(IllegalArgumentException.class, vm::toSpec, "and nothing runs");
        vm.generate().thresholdProperty().set("1e-4");
        vm.iterationsProperty().set(0);
        assertTrue(vm.problemProperty().get().contains("iterations must be >= 1 to generate"), vm.problemProperty().get());
        vm.modeProperty().set(RunMode.RUN);
        assertEquals("", vm.problemProperty().get(), "R = 0 is a fine Run");
    }

    @Test
    void historyRecallsEachPromptsModeAndSettingsAcrossSessions(@TempDir Path dir) {
        Path file = dir.resolve("workbench.properties");
        RunViewModel vm = new RunViewModel(new FileSettings(file), true);
        vm.promptProperty().set("a+b");
        vm.started(vm.toSpec());                                   // a Run
        vm.modeProperty().set(RunMode.GENERATE);
        vm.generate().maxNewTokensProperty().set(3);
        vm.generate().sharingProperty().set(KvSharing.SKIP);
        vm.generate().stopsProperty().set("=|x\\|y");
        vm.promptProperty().set("47+85=");
        vm.started(vm.toSpec());                                   // a generation

        RunViewModel next = new RunViewModel(new FileSettings(file), true); // a new session of the app
        assertEquals("47+85=", next.promptProperty().get());
        assertEquals(RunMode.GENERATE, next.modeProperty().get(), "the last prompt comes back in the mode it ran in");
        assertEquals(3, next.generate().maxNewTokensProperty().get());
        assertEquals(KvSharing.SKIP, next.generate().sharingProperty().get());
        assertEquals(List.of("=", "x|y"), next.generate().toSettings().stops());
        next.historyUp();
        next.historyUp();
        assertEquals("a+b", next.promptProperty().get());
        assertEquals(RunMode.RUN, next.modeProperty().get(), "a prompt that ran as a Run recalls Run mode");
        next.historyDown();
        assertEquals(RunMode.GENERATE, next.modeProperty().get());
    }

    @Test
    void recordLayersIsARunSettingEachPromptRemembers(@TempDir Path dir) {
        Path file = dir.resolve("workbench.properties");
        RunViewModel vm = new RunViewModel(new FileSettings(file), true);
        vm.promptProperty().set("57+85=");
        vm.layersProperty().set(true);
        assertTrue(vm.toSpec().layers());
        vm.started(vm.toSpec());
        vm.modeProperty().set(RunMode.GENERATE);
        assertFalse(vm.toSpec().layers(), "Generate records no layers");
        assertTrue(vm.layersProperty().get(), "the toggle stays for the next Run");
        vm.modeProperty().set(RunMode.RUN);
        vm.layersProperty().set(false);
        vm.promptProperty().set("4+7=");
        vm.started(vm.toSpec());

        RunViewModel next = new RunViewModel(new FileSettings(file), true);
        assertEquals("4+7=", next.promptProperty().get());
        assertFalse(next.layersProperty().get());
        next.historyUp();
        next.historyUp();
        assertEquals("57+85=", next.promptProperty().get());
        assertTrue(next.layersProperty().get(), "a prompt run with layers recalls the toggle");
        next.show(next.toSpec().withSeed(4));
        assertTrue(next.layersProperty().get(), "a reopened session's spec sets it too");
    }
}
