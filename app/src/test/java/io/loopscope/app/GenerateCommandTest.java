package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopscope.inference.io.Npy;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import io.loopscope.inference.testing.RequiresFixtures;

/** The generate command as a user runs it: every reference case through the real command line, and every bad input. */
@RequiresFixtures
class GenerateCommandTest {
    static final Path FIXTURE = Fixtures.huginnTiny();
    static final Path GENERATION = FIXTURE.resolve("generation");

    static Stream<JsonNode> cases() throws Exception {
        return Fixtures.cases(GENERATION.resolve("manifest.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyReferenceCaseThroughTheCommandLine(JsonNode c, @TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("generate", "-m", FIXTURE.resolve(c.path("variant").asText()).toString(),
                "--ids", ids(c.path("prompt")),
                "-r", c.path("r").asText(), "-n", c.path("new").asText(), "--kv-sharing", c.path("strategy").asText(),
                "--exit", c.path("criterion").asText().equals("none") ? "none" : c.path("criterion").asText() + "=" + c.path("threshold").asText(),
                "--quiet", "-o", dir.resolve("g.npz").toString()));
        switch (c.path("init").asText()) {
            case "given" -> args.addAll(List.of("--init", GENERATION.resolve(c.path("files").path("s0").asText()).toString()));
            case "zeros" -> args.addAll(List.of("--init", "zeros"));
            case "warm" -> args.addAll(List.of("--init", "zeros", "--warm-start"));
            default -> throw new AssertionError(c.path("init").asText());
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        Trace trace = TraceFile.read(dir.resolve("g.npz"));
        JsonNode files = c.path("files");
        assertArrayEquals(read(files, "ids").castTo(DataType.INT64).data().asLong(), trace.generation().sequence(trace.ids()));
        assertArrayEquals(read(files, "steps").castTo(DataType.INT32).data().asInt(), trace.generation().steps());
        assertWithin(read(files, "states"), trace.states().data(), c.path("tolerance").path("states").asDouble(), "states");
        assertWithin(read(files, "logits"), trace.logits().data(), c.path("tolerance").path("logits").asDouble(), "logits");
        assertTrue(r.out().contains("generated " + c.path("new").asInt() + " tokens (stopped: max-new-tokens)"), r.out());
    }

    private static String ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return String.join(",", out);
    }

    private static INDArray read(JsonNode files, String name) throws Exception {
        return Npy.read(GENERATION.resolve(files.path(name).asText()));
    }

    private static void assertWithin(INDArray expected, float[] actual, double tolerance, String what) {
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertEquals(e.length, actual.length, what + " size");
        double error = 0;
        for (int i = 0; i < e.length; i++) error = Math.max(error, Math.abs(e[i] - actual[i]));
        assertTrue(error <= tolerance, what + ": max |error| " + error + " > " + tolerance);
    }

    static String model() {
        return FIXTURE.resolve("f32").toString();
    }

    private static CliRun failing(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("generate", "-m", model(), "--ids", "5,17,3", "-r", "4", "--quiet",
                "-o", dir.resolve("x.npz").toString()));
        args.addAll(List.of(extra));
        if (!args.contains("-n")) args.addAll(List.of("-n", "3"));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertNotEquals(0, r.exitCode(), r.out());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(dir.resolve("x.npz")), "nothing written");
        return r;
    }

    @Test
    void anUnknownCriterionOrSharingListsTheValidOnes(@TempDir Path dir) {
        String criterion = failing(dir, "--exit", "entropy=0.1").err();
        assertTrue(criterion.contains("unknown exit criterion 'entropy'") && criterion.contains("latent-diff"), criterion);
        String sharing = failing(dir, "--kv-sharing", "full").err();
        assertTrue(sharing.contains("unknown KV sharing 'full'; known: skip, latest"), sharing);
    }

    @Test
    void aThresholdMustBeAPositiveNumber(@TempDir Path dir) {
        assertTrue(failing(dir, "--exit", "kl=abc").err().contains("is not a number: 'abc'"));
        assertTrue(failing(dir, "--exit", "kl=0").err().contains("must be a positive number, got 0"));
        assertTrue(failing(dir, "--exit", "kl=-1e-3").err().contains("must be a positive number"));
        assertTrue(failing(dir, "--exit", "none=3").err().contains("--exit none takes no threshold"));
    }

    @Test
    void maxNewTokensMustBePositiveAndFitTheContext(@TempDir Path dir) {
        assertTrue(failing(dir, "-n", "0").err().contains("max-new-tokens must be >= 1, got 0"));
        String past = failing(dir, "-n", "100").err();   // block_size 64, prompt 3
        assertTrue(past.contains("max-new-tokens 100 does not fit") && past.contains("at most 62 new tokens fit"), past);
    }

    @Test
    void samplingOptionsOutOfRangeAreRejected(@TempDir Path dir) {
        assertTrue(failing(dir, "--temperature", "-0.5").err().contains("temperature must be a finite number >= 0"));
        assertTrue(failing(dir, "--temperature", "1", "--top-p", "0").err().contains("top-p must be in (0, 1]"));
        assertTrue(failing(dir, "--temperature", "1", "--top-p", "1.5").err().contains("top-p must be in (0, 1]"));
        assertTrue(failing(dir, "--temperature", "1", "--min-p", "1").err().contains("min-p must be in [0, 1)"));
        assertTrue(failing(dir, "--top-k", "5").err().contains("give a --temperature above 0"));
    }

    @Test
    void anInitWithTooFewRowsSaysHowManyItNeeds(@TempDir Path dir) throws Exception {
        Path s0 = dir.resolve("s0.npy");
        Files.write(s0, org.nd4j.linalg.factory.Nd4j.toNpyByteArray(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 4, 64)));   // the run needs 3 + 3 − 1 = 5 rows
        String err = failing(dir, "--init", s0.toString()).err();
        assertTrue(err.contains("has 4 rows but this run needs 5"), err);
    }

    @Test
    void chatNeedsATemplateAndStopStringsATokenizer(@TempDir Path dir) {
        CliRun chat = CliRun.of("generate", "--chat", "hello", "--quiet", "-o", dir.resolve("x.npz").toString());
        assertEquals(1, chat.exitCode());
        assertTrue(chat.err().contains("has no chat template") && chat.err().contains("<|begin_header|>"), chat.err());
        assertTrue(failing(dir, "--stop", "x").err().contains("has no tokenizer.json, so a --stop string cannot be matched"));
        CliRun unknown = CliRun.of("generate", "--prompt", "4+7=", "--stop", "é", "--quiet", "-o", dir.resolve("x.npz").toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("--stop \"é\" can never be generated") && unknown.err().contains("U+00E9"), unknown.err());
        assertFalse(Files.exists(dir.resolve("x.npz")));
    }

    @Test
    void aStopStringEndsTheTextOnTheEmbeddedModel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("e.npz");
        CliRun r = CliRun.of("generate", "--prompt", "47+85=", "-r", "16", "-n", "20", "--stop", "2", "--quiet", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Trace trace = TraceFile.read(out);
        String text = trace.generation().settings().text();
        assertTrue(text.endsWith("2") && text.indexOf('2') == text.length() - 1, text);
        assertEquals("stop-string", trace.generation().settings().stopReason());
        assertTrue(r.out().startsWith(text + "\n"), r.out());
    }

    @Test
    void samplingIsReproducibleFromItsSeed(@TempDir Path dir) throws Exception {
        long[][] generated = new long[3][];
        long[] seeds = {3, 3, 4};
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve(i + ".npz");
            CliRun r = CliRun.of("generate", "-m", model(), "--ids", "5,17,3", "-r", "4", "-n", "12", "--temperature", "3",
                    "--seed", "" + seeds[i], "--init", "zeros", "--quiet", "-o", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            generated[i] = TraceFile.read(out).generation().generatedIds();
            assertTrue(TraceFile.read(out).generation().settings().sampling().contains("seed=" + seeds[i]));
        }
        assertArrayEquals(generated[0], generated[1]);
        assertFalse(java.util.Arrays.equals(generated[0], generated[2]), "another seed draws another text");
    }
}
