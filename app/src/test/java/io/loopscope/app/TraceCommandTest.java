package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.io.Npy;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import io.loopscope.inference.testing.RequiresFixtures;

/** The trace command as a user runs it: real fixture model, real files, every bad input. */
@RequiresFixtures
class TraceCommandTest {
    static final Path FIXTURE = Fixtures.huginnTiny();
    static final String IDS_A = "127,208,299,131,217,0,287,16";

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static String model() {
        return FIXTURE.resolve("f32").toString();
    }

    @Test
    void writesATraceThatMatchesTheReference(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a.npz");
        CliRun r = run("trace", "--model", model(), "--ids", IDS_A, "--iterations", "4",
                "--init", FIXTURE.resolve("inputs/A_s0.npy").toString(), "--top-k", "3", "--full-lens", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("8 tokens × 4 iterations"), r.out());
        Trace trace = TraceFile.read(out);
        INDArray expected = Npy.read(FIXTURE.resolve("expected/f32/A_s0_r4/states.npy"));
        INDArray actual = Nd4j.create(trace.states().data(), new long[] {5, 8, 64}, 'c').castTo(DataType.DOUBLE);
        assertTrue(expected.equalsWithEps(actual, 1e-5), "states equal the reference");
        INDArray lens = Npy.read(FIXTURE.resolve("expected/f32/A_s0_r4/lens.npy"));
        INDArray actualLens = Nd4j.create(trace.lens().data(), new long[] {5, 8, 300}, 'c').castTo(DataType.DOUBLE);
        assertTrue(lens.equalsWithEps(actualLens, 2e-5), "full lens equals the reference");
        assertEquals(List.of(5, 8, 3), java.util.Arrays.stream(trace.lensTopkIds().shape()).boxed().toList());
        assertEquals("file", trace.info().init());
        assertEquals(8, trace.info().exitSteps().get("none").size());
    }

    @Test
    void aRandomInitIsReproducibleFromItsSeed(@TempDir Path dir) throws Exception {
        run("trace", "-m", model(), "--ids", "1,2,3", "-r", "2", "--seed", "7", "-o", dir.resolve("a.npz").toString());
        run("trace", "-m", model(), "--ids", "1,2,3", "-r", "2", "--seed", "7", "-o", dir.resolve("b.npz").toString());
        run("trace", "-m", model(), "--ids", "1,2,3", "-r", "2", "--seed", "8", "-o", dir.resolve("c.npz").toString());
        Trace a = TraceFile.read(dir.resolve("a.npz")), b = TraceFile.read(dir.resolve("b.npz")), c = TraceFile.read(dir.resolve("c.npz"));
        assertEquals(a.states(), b.states());
        assertFalse(a.states().equals(c.states()));
        assertEquals(7L, a.info().seed());
    }

    @Test
    void aFolderWithoutConfigIsExplained(@TempDir Path dir) {
        CliRun r = run("trace", "-m", dir.toString(), "--ids", "1", "-o", dir.resolve("x.npz").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("config.json"), r.err());
        assertNoFiles(dir);
    }

    @Test
    void idsOutsideTheVocabularyAreRejected(@TempDir Path dir) {
        CliRun r = run("trace", "-m", model(), "--ids", "1,300", "-o", dir.resolve("x.npz").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("token id 300 is outside the vocabulary [0, 300)"), r.err());
        assertNoFiles(dir);
    }

    @Test
    void aPromptLongerThanTheContextIsRejected(@TempDir Path dir) {
        String ids = String.join(",", java.util.Collections.nCopies(65, "1"));
        CliRun r = run("trace", "-m", model(), "--ids", ids, "-o", dir.resolve("x.npz").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("65 tokens but the model's context (block_size) is 64"), r.err());
    }

    @Test
    void theEmbeddedModelIsRecordedByName(@TempDir Path dir) throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        Path out = dir.resolve("e.npz");
        CliRun r = run("trace", "--prompt", "2+7=", "--iterations", "2", "--quiet", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        RunInfo info = TraceFile.read(out).info();
        assertEquals(RunInfo.EMBEDDED, info.model(), "named as the workbench names it, not by its extracted folder");
        assertEquals(EmbeddedModel.directory().toAbsolutePath().normalize(), Path.of(info.modelPath()), "and where it was read from");
        assertEquals(List.of("2", "+", "7", "="), info.tokens());
    }

    @Test
    void aPromptNeedsATokenizer(@TempDir Path dir) {
        CliRun r = run("trace", "-m", model(), "--prompt", "hello", "-o", dir.resolve("x.npz").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("has no tokenizer.json; pass token ids with --ids"), r.err());
    }

    @Test
    void negativeAndAbsurdIterationCountsAreRejected(@TempDir Path dir) {
        CliRun negative = run("trace", "-m", model(), "--ids", "1", "-r", "-1", "-o", dir.resolve("x.npz").toString());
        assertEquals(1, negative.exitCode());
        assertTrue(negative.err().contains("iterations must be >= 0"), negative.err());
        CliRun absurd = run("trace", "-m", model(), "--ids", "1", "-r", "100000", "-o", dir.resolve("x.npz").toString());
        assertEquals(1, absurd.exitCode());
        assertTrue(absurd.err().contains("over the cap of 1024") && absurd.err().contains("--max-iterations 100000"), absurd.err());
        assertNoFiles(dir);
    }

    @Test
    void aThresholdGivenTwiceIsRejectedNotSilentlyReplaced(@TempDir Path dir) {
        for (String[] given : new String[][] {{"--exit-thresholds", "kl=1e-4,kl=2"}, {"--exit-thresholds", "kl=1e-4", "--exit-thresholds", "kl=2"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("trace", "-m", model(), "--ids", "1", "-o", dir.resolve("x.npz").toString()));
            args.addAll(List.of(given));
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(1, r.exitCode());
            assertTrue(r.err().contains("--exit-thresholds gives kl twice; give each key once"), r.err());
            assertNoFiles(dir);
        }
        CliRun analyze = run("analyze", "--trace", dir.resolve("none.npz").toString(), "--exit-thresholds", "entropy=1,latent-diff=2,entropy=3");
        assertTrue(analyze.err().contains("--exit-thresholds gives entropy twice"), analyze.err());
        CliRun train = run("train", "--out", dir.resolve("t").toString(), "--steps", "1", "--task-weight", "hops=4", "--task-weight", "hops=2");
        assertEquals(1, train.exitCode(), train.err());
        assertTrue(train.err().contains("--task-weight gives hops twice"), train.err());
        assertNoFiles(dir);
    }

    @Test
    void layersRecordsEveryCoreBlockAtEveryIteration(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("l.npz");
        CliRun r = run("trace", "-m", model(), "--ids", "5,6,7", "-r", "3", "--layers", "--quiet", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Trace t = TraceFile.read(out);
        assertEquals(List.of(3, 2, 3, 64), java.util.Arrays.stream(t.layerStates().shape()).boxed().toList());
        Path plain = dir.resolve("p.npz");
        assertEquals(0, run("trace", "-m", model(), "--ids", "5,6,7", "-r", "3", "--quiet", "-o", plain.toString()).exitCode());
        assertNull(TraceFile.read(plain).layerStates(), "layer states only when asked for");
    }

    @Test
    void rankTokensAreRecordedUnderBothLenses(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.npz");
        CliRun r = run("trace", "-m", model(), "--ids", "5,6,7", "-r", "3", "--rank-ids", "6,250", "--quiet", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Trace t = TraceFile.read(out);
        assertEquals(List.of(6L, 250L), java.util.Arrays.stream(t.ranks().ids()).boxed().toList());
        assertEquals(List.of(4, 3, 2), java.util.Arrays.stream(t.ranks().logit().shape()).boxed().toList());
        assertNull(t.ranks().layerCoda(), "layer ranks only with --layers");
        CliRun twice = run("trace", "-m", model(), "--ids", "5", "--rank-ids", "6,6", "-o", dir.resolve("x.npz").toString());
        assertTrue(twice.err().contains("a rank token is listed twice"), twice.err());
        CliRun outside = run("trace", "-m", model(), "--ids", "5", "--rank-ids", "300", "-o", dir.resolve("x.npz").toString());
        assertTrue(outside.err().contains("rank token id 300 is outside the vocabulary [0, 300)"), outside.err());
        assertFalse(Files.exists(dir.resolve("x.npz")));
    }

    @Test
    void aRankTokenMustBeOneToken(@TempDir Path dir) {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        CliRun r = run("trace", "--prompt", "2+7=", "-r", "2", "--rank-tokens", "9,12", "-o", dir.resolve("x.npz").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--rank-tokens '12' is 2 tokens, not one"), r.err());
        CliRun ok = run("trace", "--prompt", "2+7=", "-r", "2", "--rank-tokens", "9,+", "--quiet", "-o", dir.resolve("y.npz").toString());
        assertEquals(0, ok.exitCode(), ok.err());
    }

    @Test
    void zeroIterationsRecordsS0Only(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("z.npz");
        assertEquals(0, run("trace", "-m", model(), "--ids", "5,6", "-r", "0", "--init", "zeros", "-o", out.toString()).exitCode());
        Trace t = TraceFile.read(out);
        assertEquals(0, t.iterations());
        for (float v : t.states().data()) assertEquals(0f, v);
    }

    @Test
    void anInitArrayOfTheWrongShapeIsRejected(@TempDir Path dir) throws Exception {
        Path s0 = dir.resolve("s0.npy");
        Files.write(s0, Nd4j.toNpyByteArray(Nd4j.zeros(DataType.FLOAT, 2, 64)));
        CliRun r = run("trace", "-m", model(), "--ids", "1,2,3", "--init", s0.toString(), "-o", dir.resolve("x.npz").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("has shape [2, 64] but this run needs [3, 64]"), r.err());
        Files.write(s0, Nd4j.toNpyByteArray(Nd4j.zeros(DataType.FLOAT, 3)));
        CliRun rank = run("trace", "-m", model(), "--ids", "1,2,3", "--init", s0.toString(), "-o", dir.resolve("x.npz").toString());
        assertTrue(rank.err().contains("must be [S, H]"), rank.err());
    }

    @Test
    void anUnwritableOutputFailsBeforeTheRun(@TempDir Path dir) throws Exception {
        Path aFile = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        CliRun underAFile = run("trace", "-m", model(), "--ids", "1", "-o", aFile.resolve("x.npz").toString());
        assertEquals(1, underAFile.exitCode());
        assertTrue(underAFile.err().contains(aFile + " is a file, not a folder"), underAFile.err());
        CliRun intoAFolder = run("trace", "-m", model(), "--ids", "1", "-o", dir.toString());
        assertEquals(1, intoAFolder.exitCode());
        assertTrue(intoAFolder.err().contains("is a folder, not a file"), intoAFolder.err());
        CliRun missing = run("trace", "-m", model(), "--ids", "1", "-o", dir.resolve("nope/x.npz").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        CliRun empty = run("trace", "-m", model(), "--ids", "1", "-o", "");
        assertTrue(empty.exitCode() != 0 && empty.err().contains("no output file given (the path is empty)"), empty.err());
        CliRun device = run("trace", "-m", model(), "--ids", "1", "-o", "/dev/null");
        assertTrue(device.exitCode() != 0 && device.err().contains("/dev/null: it is not a regular file"), device.err());
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")), "/dev/null is left alone");
        assertNoFiles(dir);
    }

    static void assertNoFiles(Path dir) {
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".npz") || p.toString().endsWith(".part")).toList());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
