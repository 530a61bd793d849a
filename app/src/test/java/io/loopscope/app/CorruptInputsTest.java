package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.testing.RequiresFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture checkpoint and a trace, truncated and bit-flipped at many offsets, fed to the command
 * line: every run either succeeds or fails cleanly — exit code 1, one message naming the file, no
 * stack trace, no output file. The default run samples offsets; {@code -Pslow} tries every k-th byte.
 */
@RequiresFixtures
class CorruptInputsTest {

    @Test
    void aSampleOfTruncationsAndFlipsFailsCleanly(@TempDir Path dir) throws Exception {
        corruptCheckpointAndTrace(dir, 24, 24);
    }

    @Tag("slow")
    @Test
    void manyTruncationsAndFlipsFailCleanly(@TempDir Path dir) throws Exception {
        corruptCheckpointAndTrace(dir, 400, 400);
    }

    private static void corruptCheckpointAndTrace(Path dir, int truncations, int flips) throws Exception {
        Path source = Fixtures.huginnTiny().resolve("f32");
        byte[] weights = Files.readAllBytes(source.resolve("model.safetensors"));
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.copy(source.resolve("config.json"), model.resolve("config.json"));
        Path trace = dir.resolve("good.npz");
        Files.write(model.resolve("model.safetensors"), weights);
        assertEquals(0, CliRun.of("trace", "-m", model.toString(), "--ids", "5,17,3", "-r", "2", "--quiet", "-o", trace.toString()).exitCode());
        byte[] traceBytes = Files.readAllBytes(trace);

        List<String> outcomes = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        int headerEnd = 8 + (int) (weights[0] & 0xff | (weights[1] & 0xff) << 8 | (weights[2] & 0xff) << 16);   // the JSON header's end
        for (int i = 0; i < truncations; i++) {
            int at = offset(i, truncations, weights.length, headerEnd, random);
            Files.write(model.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, at));
            outcomes.add(checkpointRun(model, dir, "truncated at " + at, true));
            int t = 1 + random.nextInt(traceBytes.length - 1);
            Files.write(dir.resolve("bad.npz"), java.util.Arrays.copyOf(traceBytes, t));
            outcomes.add(analyzeRun(dir, "trace truncated at " + t, true));
        }
        for (int i = 0; i < flips; i++) {
            byte[] flipped = weights.clone();
            int at = random.nextInt(headerEnd);                          // the header: names, dtypes, shapes, offsets
            flipped[at] ^= (byte) (1 << random.nextInt(8));
            Files.write(model.resolve("model.safetensors"), flipped);
            outcomes.add(checkpointRun(model, dir, "header bit flipped at " + at, false));
            byte[] t = traceBytes.clone();
            int tAt = random.nextInt(t.length);
            t[tAt] ^= (byte) (1 << random.nextInt(8));
            Files.write(dir.resolve("bad.npz"), t);
            outcomes.add(analyzeRun(dir, "trace bit flipped at " + tAt, false));
        }
        Files.copy(source.resolve("model.safetensors"), model.resolve("model.safetensors"), StandardCopyOption.REPLACE_EXISTING);
        long failures = outcomes.stream().filter(o -> o.startsWith("refused")).count();
        System.out.printf("corrupt inputs: %d runs, %d refused cleanly, %d ran (a flip the format cannot detect)%n",
                outcomes.size(), failures, outcomes.size() - failures);
        assertTrue(failures >= 2L * truncations, "every truncation is refused");
    }

    /** Mostly inside the header, where every byte matters, and some across the data. */
    private static int offset(int i, int n, int length, int headerEnd, SplittableRandom random) {
        return i % 2 == 0 ? Math.min(length - 1, 1 + (int) ((long) i * headerEnd / n)) : headerEnd + random.nextInt(length - headerEnd);
    }

    private static String checkpointRun(Path model, Path dir, String what, boolean mustFail) {
        Path out = dir.resolve("out.npz");
        CliRun r = CliRun.of("trace", "-m", model.toString(), "--ids", "5,17,3", "-r", "2", "--quiet", "-o", out.toString());
        return judge(r, what, mustFail, out, "model.safetensors");
    }

    private static String analyzeRun(Path dir, String what, boolean mustFail) {
        Path json = dir.resolve("out.json");
        CliRun r = CliRun.of("analyze", "--trace", dir.resolve("bad.npz").toString(), "--json", json.toString());
        return judge(r, what, mustFail, json, "bad.npz");
    }

    private static String judge(CliRun r, String what, boolean mustFail, Path output, String file) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in"), what + ": a stack trace\n" + r.err());
        if (r.exitCode() == 0) {
            assertFalse(mustFail, what + ": accepted");
            try {
                Files.deleteIfExists(output);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "ran: " + what;
        }
        assertEquals(1, r.exitCode(), what + ": exit code\n" + r.err());
        assertTrue(r.err().contains(file), what + ": the message names " + file + "\n" + r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("warning:")).count(), what + ": one message\n" + r.err());
        assertFalse(Files.exists(output), what + ": no output written");
        return "refused: " + what;
    }
}
