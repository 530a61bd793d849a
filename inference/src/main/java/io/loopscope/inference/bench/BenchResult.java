package io.loopscope.inference.bench;

import java.util.List;

/**
 * What {@code loopscope bench} measured.
 *
 * @param sgemmGflops ND4J sgemm at 1024³ (median)
 * @param models      the core step of each benchmarked model
 * @param threads     BLAS threads used
 * @param generation  generation runs, cached and uncached
 * @param onePositionPassMs per model name, ms of one prompt-pass iteration (step + lens) over a single position
 */
public record BenchResult(double sgemmGflops, List<ModelBench> models, int threads, List<GenerationBenchmark.Run> generation,
                          java.util.Map<String, Double> onePositionPassMs) {
    public BenchResult {
        models = List.copyOf(models);
        generation = List.copyOf(generation);
        onePositionPassMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(onePositionPassMs));
    }

    /**
     * One model's core step: adapter + core blocks on S tokens.
     *
     * @param msPerIteration median wall time of one iteration
     * @param gflops         nominal FLOPs of the step (full adapter over [s; e]) per second
     * @param ratioToSgemm   gflops / sgemm GFLOP/s
     */
    public record ModelBench(String name, int hidden, int tokens, double msPerIteration, double gflops, double ratioToSgemm) {
    }
}
