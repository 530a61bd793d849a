package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.demo.DemoCatalog;
import io.loopscope.ui.demo.ExamplePrompts;
import io.loopscope.ui.demo.ExamplePrompts.Example;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start panel's model: what it offers, when it shows, and what each click does. No toolkit. */
class StartViewModelTest {
    private final List<String> calls = new ArrayList<>();
    private final StartViewModel.Actions actions = new StartViewModel.Actions() {
        @Override public void run() { calls.add("run"); }
        @Override public void startDemo(Demo d) { calls.add("demo " + d.id()); }
        @Override public void openModelFolder() { calls.add("folder"); }
    };

    private StartViewModel start(WorkbenchViewModel wb, RunViewModel run, boolean embedded) throws IOException {
        StartViewModel vm = new StartViewModel(wb, run, embedded, actions);
        vm.offer(DemoCatalog.shipped(), ExamplePrompts.onePerTask(ExamplePrompts.shipped()));
        return vm;
    }

    @Test
    void offersEveryDemoAndOneExamplePerTask() throws Exception {
        StartViewModel vm = start(new WorkbenchViewModel(), new RunViewModel(Settings.inMemory(), true), true);
        assertEquals(DemoCatalog.index().size(), vm.demos().size(), "the whole catalog, in menu order");
        assertEquals("A token settles on a fixed point", vm.demos().getFirst().title());
        assertEquals(List.of("sum", "add", "hops", "count", "copy"), vm.examples().stream().map(Example::task).toList());
        // the hardest trained example of each task (sample-prompts/tasks.txt goes from easy to hard)
        assertEquals(List.of("6+5+9+3+4+7=", "601+331=", "p>s k>d s>r v>j m>d d>p c>h k>>>>", "how many e in eegeejezj?", "copy emerwo="),
                vm.examples().stream().map(Example::prompt).toList());
        assertTrue(vm.examples().stream().allMatch(Example::trained));
        assertEquals("4 hops", StartViewModel.difficulty(vm.examples().get(2)));
        assertEquals("3 digits each", StartViewModel.difficulty(vm.examples().get(1)));
        assertTrue(vm.lead().contains("type any prompt"));
    }

    @Test
    void showsWhileNoRunIsLoadedOrUnderWay() throws Exception {
        WorkbenchViewModel wb = new WorkbenchViewModel();
        RunViewModel run = new RunViewModel(Settings.inMemory(), true);
        StartViewModel vm = start(wb, run, true);
        assertTrue(vm.visible().get(), "a first start");
        run.runningProperty().set(true);
        assertFalse(vm.visible().get(), "a run under way");
        run.runningProperty().set(false);
        assertTrue(vm.visible().get(), "the run failed: still nothing loaded");
        wb.resultProperty().set(WorkbenchViewModelTest.run("abcdef", 8, 0));
        assertFalse(vm.visible().get(), "a run is loaded");
    }

    @Test
    void anExampleBecomesARunOfTheEmbeddedModel() throws Exception {
        RunViewModel run = new RunViewModel(Settings.inMemory(), true);
        run.openFolder(Path.of("/models/other")); // another model chosen, in Generate mode
        run.modeProperty().set(RunMode.GENERATE);
        StartViewModel vm = start(new WorkbenchViewModel(), run, true);
        Example copy = vm.examples().getLast();
        vm.tryExample(copy);
        assertEquals(List.of("run"), calls);
        assertEquals("copy emerwo=", run.promptProperty().get());
        assertEquals(ModelRef.embeddedModel(), run.modelProperty().get(), "the examples are the embedded model's tasks");
        assertEquals(RunMode.RUN, run.modeProperty().get());

        run.runningProperty().set(true);
        vm.tryExample(vm.examples().getFirst());
        vm.startDemo(vm.demos().getFirst());
        assertEquals(List.of("run"), calls, "nothing starts while a run is under way");
        run.runningProperty().set(false);
        vm.startDemo(vm.demos().get(1));
        vm.openModelFolder();
        assertEquals(List.of("run", "demo accuracy-rising", "folder"), calls);
    }

    @Test
    void withoutTheEmbeddedModelOnlyAFolderIsOffered() throws Exception {
        StartViewModel vm = start(new WorkbenchViewModel(), new RunViewModel(Settings.inMemory(), false), false);
        assertTrue(vm.demos().isEmpty());
        assertTrue(vm.examples().isEmpty());
        assertTrue(vm.lead().contains("no embedded model"), vm.lead());
        vm.openModelFolder();
        assertEquals(List.of("folder"), calls);
    }

    @Test
    void aMalformedExampleLineIsNamed() {
        var e = assertThrows(IOException.class, () -> ExamplePrompts.parse("# header\n5+6=\t1\tsum operands=2 (trained)\n7+8=\t5\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
