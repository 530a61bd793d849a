package io.loopscope.inference.bench;

import java.util.List;

/**
 * What {@code loopscope bench} measured.
 *
 * @param sgemmGflops ND4J sgemm at 1024³ (median)
 * @param models      the core step of each benchmarked model
 * @param threads     BLAS threads used
 */
public record BenchResult(double sgemmGflops, List<ModelBench> models, int threads) {
    public BenchResult {
        models = List.copyOf(models);
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
