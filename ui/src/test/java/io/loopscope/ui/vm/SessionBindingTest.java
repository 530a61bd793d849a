package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.model.KvSharing;
import io.loopscope.ui.engine.Settings;
import io.loopscope.ui.session.SessionState;
import io.loopscope.ui.testing.TestRuns;
import io.loopscope.ui.views.ViewType;
import org.junit.jupiter.api.Test;

/** A captured session put back on a fresh workbench shows the same mode and Generate settings. No toolkit. */
class SessionBindingTest {

    private record Bench(WorkbenchViewModel workbench, RunViewModel run, SessionBinding binding) {
        static Bench fresh() {
            WorkbenchViewModel w = new WorkbenchViewModel();
            RunViewModel r = new RunViewModel(Settings.inMemory(), true);
            return new Bench(w, r, new SessionBinding(w, new CompareViewModel(w.resultProperty(), w.selection()), r));
        }
    }

    @Test
    void aGenerationComesBackInGenerateModeWithItsSettings() {
        Bench a = Bench.fresh();
        var g = TestRuns.generated("abc", 8, 4);
        a.workbench().resultProperty().set(g);
        a.workbench().viewProperty().set(ViewType.STEPS);
        SessionState s = a.binding().capture("light");

        Bench b = Bench.fresh();
        b.run().generate().sharingProperty().set(KvSharing.SKIP); // something else in the fields
        b.binding().apply(s);
        assertEquals(RunMode.GENERATE, b.run().modeProperty().get());
        assertEquals(g.spec().generate(), b.run().generate().toSettings());
        assertEquals("abc", b.run().promptProperty().get());
        assertEquals(8, b.run().iterationsProperty().get());
        assertEquals("steps", b.workbench().viewProperty().get().id());
        assertEquals(3, b.workbench().steps().data().bars().size(), "the steps chart has its bars");
    }

    @Test
    void aRunSessionSwitchesBackToRunMode() {
        Bench b = Bench.fresh();
        b.run().modeProperty().set(RunMode.GENERATE);
        Bench a = Bench.fresh();
        a.workbench().resultProperty().set(TestRuns.synthetic("abcd", 8));
        b.binding().apply(a.binding().capture("light"));
        assertEquals(RunMode.RUN, b.run().modeProperty().get());
        assertNull(b.workbench().steps().data(), "no steps chart for a Run");
    }

    @Test
    void theRanksViewComesBackWithItsTokensAndLayer() {
        Bench a = Bench.fresh();
        a.workbench().resultProperty().set(TestRuns.synthetic("abcd", 8));
        a.workbench().viewProperty().set(ViewType.RANKS);
        a.workbench().ranks().tokensProperty().set("b #3");
        a.workbench().ranks().layerProperty().set(1);
        SessionState s = a.binding().capture("light");

        Bench b = Bench.fresh();
        b.binding().apply(s);
        assertEquals(ViewType.RANKS, b.workbench().viewProperty().get());
        assertEquals("b #3", b.workbench().ranks().tokensProperty().get());
        assertEquals(1, b.workbench().ranks().layerProperty().get());
        assertTrue(b.workbench().ranks().messageProperty().get().contains("no layer states"),
                "the synthetic run has no layers, and the view says so: " + b.workbench().ranks().messageProperty().get());
    }

    @Test
    void theProbesViewComesBackWithItsSettingsAndLastCurve() throws Exception {
        Bench a = Bench.fresh();
        a.workbench().resultProperty().set(TestRuns.synthetic("abcd", 8));
        ProbesViewModel p = a.workbench().probes();
        p.samplesProperty().set(40);
        p.iterationsProperty().set(3);
        p.foldsProperty().set(4);
        var result = new io.loopscope.ui.engine.ProbePipeline(ref -> new io.loopscope.ui.testing.FakeModel(0))
                .run(io.loopscope.ui.engine.ModelRef.embeddedModel(), p.toSettings(), (m, f) -> { }, () -> false);
        p.finished(result);
        p.taskProperty().set("count"); // the form moved on after the run
        p.labelProperty().set(io.loopscope.analysis.probe.ProbeLabel.RUNNING);
        SessionState s = a.binding().capture("light");

        Bench b = Bench.fresh();
        b.binding().apply(s);
        ProbesViewModel q = b.workbench().probes();
        assertEquals(p.toSettings(), q.toSettings(), "the form as it was");
        assertEquals(result, q.resultProperty().get(), "the last curve with what it was fitted on");
        assertEquals(p.summaryProperty().get(), q.summaryProperty().get());
    }
}
