package io.loopscope.inference.ouro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.io.Npy;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import io.loopscope.inference.testing.RequiresFixtures;

/**
 * Every case of the independent Ouro reference (fixtures/ouro-tiny), f32 and bf16: states
 * [T+1, S, H] (states[0] the embeddings), per-loop logits through the full lens, the gate's λ and
 * exit distribution, and the exit step at the case's threshold.
 */
@RequiresFixtures
class OuroFixtureTest {
    static final Path ROOT = Fixtures.ouroTiny();

    static Stream<JsonNode> cases() throws Exception {
        return Fixtures.cases(ROOT.resolve("manifest.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLoopTheLensAndTheGateEqualTheReference(JsonNode c) throws Exception {
        ModelHandle model = ModelHandle.open(ROOT.resolve(c.path("variant").asText()));
        assertEquals("ouro", model.model().family());
        long[] ids = new long[c.path("ids").size()];
        for (int i = 0; i < ids.length; i++) ids[i] = c.path("ids").get(i).asLong();
        int loops = c.path("loops").asInt();
        double q = c.path("threshold").isNull() ? 1.0 : c.path("threshold").asDouble();
        ExitThresholds thresholds = ExitThresholds.parse("gate=" + q);
        Trace trace = Tracer.run(model.subject(), new TraceRequest(ids, loops, new StateInit.Zeros(), 5, true, thresholds,
                TraceRequest.DEFAULT_MAX_ITERATIONS, null), List.of(), "test", step -> { }, () -> false);
        JsonNode files = c.path("files"), tol = c.path("tolerance");
        String name = c.path("variant").asText() + "/" + c.path("name").asText();
        assertClose(name, "states", ROOT.resolve(files.path("states").asText()), trace.states().data(), 0, tol.path("states").asDouble());
        int perStep = ids.length * model.model().vocab();
        assertClose(name, "logits", ROOT.resolve(files.path("logits").asText()), trace.lens().data(), perStep, tol.path("logits").asDouble());
        assertClose(name, "lam", ROOT.resolve(files.path("lam").asText()), trace.exitGate().lambda().data(), 0, tol.path("lam").asDouble());
        assertClose(name, "pdf", ROOT.resolve(files.path("pdf").asText()), trace.exitGate().pdf().data(), 0, tol.path("pdf").asDouble());
        int[] expectedExit = Npy.read(ROOT.resolve(files.path("exit_step").asText())).castTo(DataType.INT32).data().asInt();
        int[] exit = trace.info().exitSteps().get(ExitCriterion.GATE.id()).stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expectedExit, exit, "gate exit steps at q = " + q);
    }

    /** expected vs actual[offset …]: the reference's logits start at loop 1, the lens at step 0. */
    private static void assertClose(String name, String what, Path file, float[] actual, int offset, double tolerance) throws Exception {
        double[] e = Npy.read(file).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertTrue(actual.length - offset >= e.length, what + ": " + (actual.length - offset) + " values for " + e.length);
        double error = 0;
        for (int i = 0; i < e.length; i++) error = Math.max(error, Math.abs(e[i] - actual[offset + i]));
        System.out.printf("ouro %s %-6s max |error| %.3e (tolerance %.1e)%n", name, what, error, tolerance);
        assertTrue(error <= tolerance, what + ": max |error| " + error + " > " + tolerance);
    }
}
