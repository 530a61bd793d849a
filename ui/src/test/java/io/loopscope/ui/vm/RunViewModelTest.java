package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.engine.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
