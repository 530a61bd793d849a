package io.loopscope.inference.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.io.Npy;
import io.loopscope.inference.model.HuginnModel;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import io.loopscope.inference.testing.RequiresFixtures;

/**
 * Every greedy generation case of the independent reference (fixtures/huginn-tiny/generation):
 * generated ids and per-position steps exactly, states, final logits and the full lens within the
 * case's tolerances. Covers none/kl/latent-diff exits, skip/latest sharing, given/zeros/warm s0.
 */
@RequiresFixtures
class GeneratorFixtureTest {
    private static final Path ROOT = Fixtures.huginnTiny();
    private static final Path GENERATION = ROOT.resolve("generation");

    static Stream<JsonNode> cases() throws Exception {
        return Fixtures.cases(GENERATION.resolve("manifest.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generationEqualsTheReference(JsonNode c) throws Exception {
        String variant = c.path("variant").asText();
        LoadedCheckpoint checkpoint = CheckpointLoader.load(ROOT.resolve(variant));
        HuginnModel model = new HuginnModel(checkpoint.config(), checkpoint.weights());
        JsonNode files = c.path("files");
        long[] prompt = longs(c.path("prompt"));
        String init = c.path("init").asText();
        StateInit s0 = switch (init) {
            case "given" -> {
                INDArray a = Npy.read(GENERATION.resolve(files.path("s0").asText())).castTo(DataType.FLOAT);
                yield new StateInit.Given(a.dup('c').data().asFloat(), (int) a.size(0), (int) a.size(1), "s0.npy");
            }
            case "zeros", "warm" -> new StateInit.Zeros();
            default -> throw new AssertionError("unknown init " + init);
        };
        GenerationRequest request = new GenerationRequest(prompt, c.path("new").asInt(), c.path("r").asInt(),
                ExitCriterion.byId(c.path("criterion").asText()), c.path("threshold").asDouble(),
                KvSharing.byId(c.path("strategy").asText()), s0, init.equals("warm"), Sampling.GREEDY, StopRule.NONE,
                5, true, TraceRequest.DEFAULT_MAX_ITERATIONS);

        Trace trace = Generator.run(new Tracer.Subject(model, "huginn-tiny", null), request, id -> "#" + id, "test",
                GenerationListener.NONE, () -> false);

        long[] expectedIds = Npy.read(GENERATION.resolve(files.path("ids").asText())).castTo(DataType.INT64).data().asLong();
        int[] expectedSteps = Npy.read(GENERATION.resolve(files.path("steps").asText())).castTo(DataType.INT32).data().asInt();
        assertArrayEquals(expectedIds, trace.generation().sequence(trace.ids()), "prompt + generated ids");
        assertArrayEquals(expectedSteps, trace.generation().steps(), "steps per position");
        assertEquals("max-new-tokens", trace.generation().settings().stopReason());
        JsonNode tolerance = c.path("tolerance");
        assertClose(c, "states", GENERATION.resolve(files.path("states").asText()), trace.states(), tolerance.path("states").asDouble());
        assertClose(c, "logits", GENERATION.resolve(files.path("logits").asText()), trace.logits(), tolerance.path("logits").asDouble());
        assertClose(c, "lens", GENERATION.resolve(files.path("lens").asText()), trace.lens(), tolerance.path("lens").asDouble(), definedAlike(trace));
        assertPromptLensIsTheTraceLens(model, prompt, s0, trace);
    }

    /**
     * The reference fills the prompt one position at a time, so at an intermediate step k the coda
     * of prompt position t > 0 attends to earlier positions' <em>final</em> coda; LoopScope runs the
     * prompt as one chunk and shows at step k the lens a prompt pass ({@code trace}) shows, every
     * position at step k. States and step-R logits agree either way; the reference's lens is compared
     * where both definitions coincide (every generated position, and the prompt at R and at t = 0) …
     */
    private static IntPredicate definedAlike(Trace trace) {
        int steps = trace.iterations() + 1, tokens = trace.tokenCount(), vocab = trace.lens().dim(2);
        int prompt = trace.generation().settings().promptLength();
        return i -> {
            int step = i / (tokens * vocab), t = i / vocab % tokens;
            return t == 0 || t >= prompt || step == steps - 1;
        };
    }

    /** … and the prompt's lens at every step is checked against a prompt pass of the same prompt and s0. */
    private static void assertPromptLensIsTheTraceLens(HuginnModel model, long[] prompt, StateInit s0, Trace generated) {
        StateInit promptInit = s0 instanceof StateInit.Given g
                ? new StateInit.Given(java.util.Arrays.copyOf(g.data(), prompt.length * g.width()), prompt.length, g.width(), "s0")
                : s0;
        Trace pass = Tracer.run(new Tracer.Subject(model, "huginn-tiny", null),
                new TraceRequest(prompt, generated.iterations(), promptInit, 5, true, io.loopscope.inference.exit.ExitThresholds.defaults(),
                        TraceRequest.DEFAULT_MAX_ITERATIONS, null), List.of(), "test", step -> { }, () -> false);
        int steps = generated.iterations() + 1, tokens = generated.tokenCount(), vocab = pass.lens().dim(2);
        double error = 0;
        for (int i = 0; i < steps; i++) {
            for (int t = 0; t < prompt.length; t++) {
                for (int j = 0; j < vocab; j++) {
                    error = Math.max(error, Math.abs(pass.lens().data()[(i * prompt.length + t) * vocab + j]
                            - generated.lens().data()[(i * tokens + t) * vocab + j]));
                }
            }
        }
        assertTrue(error <= 1e-4, "prompt lens vs the prompt pass: max |error| " + error);
    }

    private static void assertClose(JsonNode c, String what, Path expectedFile, FloatTensor actual, double tolerance) throws Exception {
        assertClose(c, what, expectedFile, actual, tolerance, i -> true);
    }

    private static void assertClose(JsonNode c, String what, Path expectedFile, FloatTensor actual, double tolerance,
                                    IntPredicate compared) throws Exception {
        INDArray expected = Npy.read(expectedFile).castTo(DataType.DOUBLE);
        assertArrayEquals(expected.shape(), toLong(actual.shape()), what + " shape");
        double[] e = expected.dup('c').data().asDouble();
        float[] a = actual.data();
        double error = 0;
        for (int i = 0; i < e.length; i++) if (compared.test(i)) error = Math.max(error, Math.abs(e[i] - a[i]));
        System.out.printf("generate %s/%s %-7s max |error| %.3e (tolerance %.1e)%n", c.path("variant").asText(), c.path("name").asText(),
                what, error, tolerance);
        assertTrue(error <= tolerance, what + ": max |error| " + error + " > " + tolerance);
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asLong();
        return out;
    }

    private static long[] toLong(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) out[i] = shape[i];
        return out;
    }
}
