package io.loopscope.inference.bench;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.Generator;
import io.loopscope.inference.model.KvCache;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.model.StepListener;
import io.loopscope.inference.trace.Generated;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Generation throughput: the cached, recorded path ({@link Generator}) against generating through
 * an uncached forward of the whole sequence, and the cached path's cost per iteration against a
 * prompt pass over one position (step + lens), which it must not exceed.
 */
public final class GenerationBenchmark {
    private final int prompt, newTokens, iterations;

    public GenerationBenchmark(int prompt, int newTokens, int iterations) {
        if (prompt < 1 || newTokens < 1 || iterations < 1) throw new IllegalArgumentException("prompt, new tokens and iterations must be >= 1");
        this.prompt = prompt;
        this.newTokens = newTokens;
        this.iterations = iterations;
    }

    /**
     * @param mode            "cached none", "cached kl" or "uncached none"
     * @param tokensPerS      generated tokens per second of the generation phase (prompt excluded)
     * @param iterationsPerS  loop iterations of generated positions per second
     * @param msPerIteration  1000 / iterationsPerS
     * @param iterationsUsed  iterations the generated positions ran (fixed R: (new − 1) · R)
     */
    public record Run(String name, int hidden, String mode, int prompt, int newTokens, int iterations, double tokensPerS,
                      double iterationsPerS, double msPerIteration, long iterationsUsed) {
    }

    /** Cached generation, recorded as {@code generate} records it, with the given exit (none: always R). */
    public Run cached(String name, LoopedModel model, ExitCriterion exit) {
        GenerationRequest request = new GenerationRequest(ids(model), newTokens, iterations, exit, exit.defaultThreshold(),
                KvSharing.LATEST, new StateInit.Random(1), false);
        Trace trace = Generator.run(new Tracer.Subject(model, name, null), request, id -> "", "bench", GenerationListener.NONE, () -> false);
        Generated g = trace.generation();
        double ms = trace.info().timingsMs().get("generate_ms");
        long used = g.iterationsUsed();
        return new Run(name, model.hidden(), "cached " + exit.id(), prompt, g.generatedIds().length, iterations,
                (g.generatedIds().length - 1) / (ms / 1e3), used / (ms / 1e3), ms / used, used);
    }

    /** Greedy generation without a cache: every new token reruns the whole sequence for R iterations and decodes its last position. */
    public Run uncached(String name, LoopedModel model) {
        long[] ids = java.util.Arrays.copyOf(ids(model), prompt + newTokens);
        int length = prompt;
        ids[length] = next(model, ids, length);                     // the first token: a prompt pass, not timed below
        length++;
        long start = System.nanoTime();
        for (int n = 1; n < newTokens; n++) {
            ids[length] = next(model, ids, length);
            length++;
        }
        double ms = (System.nanoTime() - start) / 1e6;
        long used = (long) (newTokens - 1) * iterations;
        return new Run(name, model.hidden(), "uncached none", prompt, newTokens, iterations, (newTokens - 1) / (ms / 1e3),
                used / (ms / 1e3), ms / used, used);
    }

    /**
     * ms of one iteration of a prompt pass over a single position, recorded as {@code trace} records
     * it (step, lens, lens statistics): the same work per iteration as a generated token's.
     */
    public double onePositionPassMs(String name, LoopedModel model) {
        Tracer.Subject subject = new Tracer.Subject(model, name, null);
        TraceRequest request = new TraceRequest(new long[] {1}, iterations, new StateInit.Random(1));
        Tracer.run(subject, request, java.util.List.of(), "bench", step -> { }, () -> false);          // warm-up
        Trace trace = Tracer.run(subject, request, java.util.List.of(), "bench", step -> { }, () -> false);
        return trace.info().timingsMs().get("ms_per_iteration");
    }

    /**
     * Interleaved, so both see the same machine: ms of one cached step + lens of a token at position
     * P against a prompt cache, and of one uncached step + lens of a lone position; medians of
     * {@code repeats} alternating pairs. Returns {cached, onePosition}.
     */
    public double[] cachedVsOnePositionStepMs(LoopedModel model, int repeats) {
        long[] ids = ids(model);
        KvCache cache = model.newCache(prompt + 1, iterations, KvSharing.LATEST);
        INDArray e = model.embedAt(cache, ids, 0);
        INDArray s0 = model.startState(model.initialState(new StateInit.Random(1), prompt), e), s = s0;
        for (int k = 1; k <= iterations; k++) {
            s = model.stepAt(cache, s, e, s0, 0, k);
            model.decodeAt(cache, s, 0);
        }
        cache.commit(0, prompt, iterations);
        INDArray eNew = model.embedAt(cache, new long[] {ids[0]}, prompt);
        INDArray eLone = model.embed(new long[] {ids[0]});
        INDArray start = model.startState(model.initialState(new StateInit.Random(2), 1), eLone);
        double[] cached = new double[repeats], lone = new double[repeats];
        INDArray a = start, b = start;
        for (int i = -3; i < repeats; i++) {                          // three warm-up pairs
            int k = 1 + Math.floorMod(i, iterations);
            long t0 = System.nanoTime();
            a = model.stepAt(cache, a, eNew, start, prompt, k);
            model.decodeAt(cache, a, prompt);
            long t1 = System.nanoTime();
            b = model.step(b, eLone, start, k, null);
            model.decode(b);
            long t2 = System.nanoTime();
            if (i >= 0) {
                cached[i] = (t1 - t0) / 1e6;
                lone[i] = (t2 - t1) / 1e6;
            }
        }
        java.util.Arrays.sort(cached);
        java.util.Arrays.sort(lone);
        return new double[] {cached[repeats / 2], lone[repeats / 2]};
    }

    private long next(LoopedModel model, long[] ids, int length) {
        long[] seq = java.util.Arrays.copyOf(ids, length);
        INDArray e = model.embed(seq);
        INDArray s = model.recur(model.startState(model.initialState(new StateInit.Random(1), length), e), e, iterations, StepListener.NONE);
        INDArray logits = model.decode(s);                          // [S, V]: the coda attends over the whole sequence
        return logits.getRow(length - 1).argMax().getLong(0);
    }

    private long[] ids(LoopedModel model) {
        long[] ids = new long[prompt];
        for (int i = 0; i < prompt; i++) ids[i] = (i * 31L + 7) % model.vocab();
        return ids;
    }
}
