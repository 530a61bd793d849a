package io.loopscope.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which loop layers a probe reads, the layer probes' fit on synthetic states, and their JSON. */
class ProbeLayersTest {

    @Test
    void layersParseAndResolveAgainstTheLoop() {
        assertEquals(ProbeLayers.NONE, ProbeLayers.parse(null));
        assertEquals(ProbeLayers.NONE, ProbeLayers.parse(" "));
        assertFalse(ProbeLayers.NONE.any());
        assertEquals(ProbeLayers.ALL, ProbeLayers.parse("all"));
        assertArrayEquals(new int[] {0, 1, 2, 3}, ProbeLayers.ALL.resolve(4, "m"));
        assertArrayEquals(new int[] {3, 1}, ProbeLayers.parse("3, 1").resolve(4, "m"), "in the order listed");
        assertArrayEquals(new int[0], ProbeLayers.NONE.resolve(0, "m"), "no layers asked: a loop without them is fine");
        assertEquals("3,1", ProbeLayers.parse("3,1").toString());
    }

    @Test
    void badLayersAreNamed() {
        assertEquals("--layers 4 is outside the loop of m, which has 4 layers (0..3)",
                assertThrows(IllegalArgumentException.class, () -> ProbeLayers.parse("1,4").resolve(4, "m")).getMessage());
        assertEquals("--layers 1 is outside the loop of m, which has 1 layer (0)",
                assertThrows(IllegalArgumentException.class, () -> ProbeLayers.parse("1").resolve(1, "m")).getMessage());
        assertEquals("m reports no loop layers: --layers has nothing to probe",
                assertThrows(IllegalArgumentException.class, () -> ProbeLayers.ALL.resolve(0, "m")).getMessage());
        assertEquals("--layers counts layers from 0, got -1", assertThrows(IllegalArgumentException.class, () -> ProbeLayers.parse("-1")).getMessage());
        assertEquals("--layers lists layer 2 twice", assertThrows(IllegalArgumentException.class, () -> ProbeLayers.parse("2,2")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeLayers.parse("0,x")).getMessage().contains("got '0,x'"));
        var iteration = assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(new ProbeSource.TaskPrompts("sum", null, 20),
                ProbeLabel.ITERATION, null, 4, 5, 0, ProbeLayers.ALL));
        assertTrue(iteration.getMessage().startsWith("--layers fits a probe of the label at each layer; --label iteration"), iteration.getMessage());
    }

    @Test
    void aLayerWithTheBlockOutputsStatesGetsItsAccuracyAndALayerWithoutTheLabelStaysAtChance() {
        int n = 160, k = 4;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % k;
        double[][][] block = LinearProbeTest.states(y, 10, 3);                  // iterations 0..2
        double[][][] noise = LinearProbeTest.states(y, 10, 9);
        double[][][][] layers = new double[2][2][][];                           // iterations 1..2 × layers 0 (noise at s_0's level), 1 (the block)
        for (int i = 0; i < 2; i++) {
            layers[i][0] = noise[0];
            layers[i][1] = block[i + 1];
        }
        ProbeCurve curve = LinearProbe.fit("answer", block, y, k, 4, 11, i -> { });
        int[] fits = {0};
        List<List<ProbeCurve.LayerPoint>> points = LinearProbe.fitLayers(layers, new int[] {0, 1}, y, k, 4, 11, i -> fits[0] += i);
        assertEquals(4, fits[0], "one unit per (iteration, layer)");
        ProbeCurve c = curve.withLayers(points);
        assertEquals(List.of(0, 1), c.layers());
        assertTrue(c.points().getFirst().layers().isEmpty(), "s_0 comes out of no layer");
        for (ProbeCurve.Point p : c.points().subList(1, 3)) {
            ProbeCurve.LayerPoint last = p.layer(1).orElseThrow();
            assertEquals(p.accuracy(), last.accuracy(), "the same states, folds and seed: the same accuracy");
            assertEquals(p.controlAccuracy(), last.controlAccuracy(), "and the same control labels");
            assertTrue(Math.abs(p.layer(0).orElseThrow().accuracy() - 0.25) < 0.12, "noise stays at chance: " + p);
        }
        assertEquals(2, c.firstReaching(1, 0.9));
        assertEquals(-1, c.firstReaching(0, 0.9));
    }

    @Test
    void theJsonKeepsItsFieldsAndGainsLayersPerIteration() throws Exception {
        ProbeCurve c = new ProbeCurve("answer", 2, 0.5, List.of(new ProbeCurve.Point(0, 0.5, 0.5, 0.4),
                new ProbeCurve.Point(1, 0.9, 0.45, 1.0, List.of(new ProbeCurve.LayerPoint(0, 0.7, 0.5), new ProbeCurve.LayerPoint(1, 0.9, 0.45)))));
        var json = new ObjectMapper().readTree(c.toJson());
        var one = json.path("iterations").get(1);
        assertEquals(0.9, one.path("accuracy").asDouble());
        assertEquals(0.45, one.path("control_accuracy").asDouble());
        assertEquals(1.0, one.path("lens_accuracy").asDouble());
        assertEquals(0, one.path("layers").get(0).path("layer").asInt());
        assertEquals(0.7, one.path("layers").get(0).path("accuracy").asDouble());
        assertEquals(0.5, one.path("layers").get(0).path("control_accuracy").asDouble());
        assertEquals(0, json.path("iterations").get(0).path("layers").size(), "iteration 0: an empty list");
        assertEquals(c, ProbeCurve.fromJson(json));
        assertTrue(new ObjectMapper().readTree(LinearProbe.fit("a", LinearProbeTest.states(new int[] {0, 1, 0, 1}, 3, 1), new int[] {0, 1, 0, 1},
                2, 2, 1, i -> { }).toJson()).path("iterations").get(1).path("layers").isMissingNode(), "no layers: no field");
    }

    @Test
    void inconsistentLayersInACurveAreRefused() {
        var l0 = List.of(new ProbeCurve.LayerPoint(0, 0.5, 0.5));
        var l1 = List.of(new ProbeCurve.LayerPoint(1, 0.5, 0.5));
        assertEquals("iteration 2 probes layers [1] but an earlier one [0]", assertThrows(IllegalArgumentException.class, () -> new ProbeCurve("a", 2, 0.5,
                List.of(new ProbeCurve.Point(0, 0.5, 0.5), new ProbeCurve.Point(1, 0.5, 0.5, 0.5, l0), new ProbeCurve.Point(2, 0.5, 0.5, 0.5, l1)))).getMessage());
        assertEquals("iteration 2 lacks the layer probes", assertThrows(IllegalArgumentException.class, () -> new ProbeCurve("a", 2, 0.5,
                List.of(new ProbeCurve.Point(1, 0.5, 0.5, 0.5, l0), new ProbeCurve.Point(2, 0.5, 0.5)))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ProbeCurve("a", 2, 0.5,
                List.of(new ProbeCurve.Point(0, 0.5, 0.5, 0.5, l0)))).getMessage().startsWith("iteration 0 is s_0"));
        assertEquals("iteration 1 lists layer 0 twice", assertThrows(IllegalArgumentException.class, () ->
                new ProbeCurve.Point(1, 0.5, 0.5, 0.5, List.of(l0.getFirst(), l0.getFirst()))).getMessage());
        assertEquals("loop layers count from 0, got layer -2", assertThrows(IllegalArgumentException.class, () -> new ProbeCurve.LayerPoint(-2, 0, 0)).getMessage());
        var json = "{\"label\":\"a\",\"classes\":2,\"iterations\":[{\"iteration\":1,\"accuracy\":0.5,\"layers\":[{\"layer\":\"x\"}]}]}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeCurve.fromJson(new ObjectMapper().readTree(json))).getMessage()
                .startsWith("a probe curve's layer needs \"layer\" and \"accuracy\""));
    }
}
