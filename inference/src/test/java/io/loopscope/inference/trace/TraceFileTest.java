package io.loopscope.inference.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFileTest {

    static Trace smallTrace() {
        int steps = 3, tokens = 2, hidden = 4, vocab = 6, k = 2;
        float[] states = new float[steps * tokens * hidden];
        for (int i = 0; i < states.length; i++) states[i] = i * 0.5f;
        RunInfo info = new RunInfo("tiny", null, Map.of("n_embd", hidden), steps - 1, "zeros", null, null, k,
                List.of("a", "b"), 1e-6, Map.of("kl", 5e-4), Map.of("kl", java.util.Arrays.asList(1, null)),
                Map.of("total", 3.0), "demo", "test");
        return new Trace(info, new long[] {3, 5},
                new FloatTensor(new int[] {steps, tokens, hidden}, states),
                FloatTensor.zeros(tokens, hidden), FloatTensor.zeros(tokens, vocab),
                FloatTensor.zeros(steps, tokens), FloatTensor.zeros(steps, tokens),
                new IntTensor(new int[] {steps, tokens, k}, new int[steps * tokens * k]),
                FloatTensor.zeros(steps, tokens, k), null, FloatTensor.zeros(hidden));
    }

    @Test
    void roundTripsEveryArrayAndTheRunDescription(@TempDir Path dir) throws IOException {
        Trace trace = smallTrace();
        Path file = dir.resolve("t.npz");
        TraceFile.write(file, trace);
        Trace back = TraceFile.read(file);
        assertEquals(trace.states(), back.states());
        assertEquals(trace.info(), back.info());
        assertEquals(2, back.iterations());
        assertEquals(List.of(3L, 5L), java.util.Arrays.stream(back.ids()).boxed().toList());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void unwritableFolderFailsClearlyAndWritesNothing(@TempDir Path dir) {
        Path missing = dir.resolve("no/such/folder/t.npz");
        IOException e = assertThrows(IOException.class, () -> TraceFile.write(missing, smallTrace()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAnNpzIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.npz");
        Files.writeString(file, "hello");
        IOException e = assertThrows(IOException.class, () -> TraceFile.read(file));
        assertTrue(e.getMessage().contains("not an NPZ"), e.getMessage());
    }

    @Test
    void inconsistentShapesAreRejected() {
        Trace t = smallTrace();
        assertThrows(IllegalArgumentException.class, () -> new Trace(t.info(), new long[] {1, 2, 3}, t.states(), t.finalLatent(),
                t.logits(), t.lensEntropy(), t.lensKl(), t.lensTopkIds(), t.lensTopkProbs(), null, t.lnFWeight()));
    }
}
