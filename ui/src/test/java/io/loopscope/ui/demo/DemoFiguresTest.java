package io.loopscope.ui.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.testing.RequiresFixtures;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.Planes;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.figure.FigureFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A demo's compare figures draw run B in run A's axes, as the workbench's Compare view does. */
@RequiresFixtures
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

    @Test
    void aLongerRunBIsDrawnToItsOwnEnd() throws Exception {
        Demo d = DemoReader.read("longer-b", new java.io.ByteArrayInputStream(new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsBytes(withCompareIterations(8, 20))));
        RunPipeline pipeline = new RunPipeline(new HuginnModelLoader(() -> null, "test"), new AnalysisAdapter());
        DemoRuns runs = DemoRuns.run(d, pipeline, ModelRef.folder(Fixtures.huginnTiny().resolve("f32")), (m, f) -> { }, () -> false);
        assertEquals(8, runs.a().iterations());
        assertEquals(20, runs.b().iterations());
        Demo.Step atTheEnd = d.tour().getLast(), atStep4 = d.tour().getFirst(), pastA = new Demo.Step("t", "compare", List.of(0), 12);
        assertEquals(-1, atTheEnd.step(), "the fixture's compare step names no step: 'the end'");
        assertEquals(8, DemoFigures.stepIn(atTheEnd, runs.a()));
        assertEquals(20, DemoFigures.stepIn(atTheEnd, runs.b()), "B is drawn to its own end, not stopped at A's");
        assertEquals(4, DemoFigures.stepIn(atStep4, runs.b()));
        assertEquals(8, DemoFigures.stepIn(pastA, runs.a()), "a step past A's end shows A's end");
        assertEquals(12, DemoFigures.stepIn(pastA, runs.b()));
    }

    /** The fixture demo's JSON with A's and B's iteration counts set (one seed, so B differs from A in iterations only). */
    private static com.fasterxml.jackson.databind.JsonNode withCompareIterations(int a, int b) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var in = DemoFiguresTest.class.getResourceAsStream("/demos/fixture.json")) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
            var settings = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("settings");
            settings.put("iterations", a).put("compare_iterations", b);
            settings.putArray("seeds").add(0);
            return root;
        }
    }
}
