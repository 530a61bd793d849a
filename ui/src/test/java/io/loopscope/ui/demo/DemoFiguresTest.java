package io.loopscope.ui.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.testing.Fixtures;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.vm.PcPair;
import io.loopscope.ui.vm.Planes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A demo's compare figures draw run B in run A's axes, as the workbench's Compare view does. */
class DemoFiguresTest {

    @Test
    void compareFiguresDrawRunBInRunAsPcaFrame(@TempDir Path dir) throws Exception {
        Demo d = DemoTest.fixtureDemo(); // two seeds; its fourth tour step shows compare
        RunPipeline pipeline = new RunPipeline(new HuginnModelLoader(() -> null, "test"), new AnalysisAdapter());
        DemoRuns runs = DemoRuns.run(d, pipeline, ModelRef.folder(Fixtures.huginnTiny().resolve("f32")), (m, f) -> { }, () -> false);
        assertNotNull(runs.bInFrameOfA(), "same model and prompt: B projects onto A's PCA");

        PcPair pc12 = new PcPair(0, 1);
        String axisOfA = Planes.plane(runs.a(), pc12, List.of(0)).xLabel();
        String axisOfBOwn = Planes.plane(runs.b(), pc12, List.of(0)).xLabel();
        assertNotEquals(axisOfA, axisOfBOwn, "the two frames must be told apart by their axis labels for this test to mean anything");
        assertEquals(axisOfA, Planes.plane(runs.bInFrameOfA(), pc12, List.of(0)).xLabel());

        DemoFigures.write(d, runs, dir, List.of(FigureFormat.SVG), 72);
        String b = Files.readString(dir.resolve("tour-4-compare-b.svg"));
        assertTrue(b.contains(axisOfA), "B's figure has A's axis " + axisOfA);
        assertTrue(!b.contains(axisOfBOwn), "and not B's own " + axisOfBOwn);
    }
}
