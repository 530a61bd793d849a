package io.loopscope.inference.bench;

import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Measures BLAS throughput and the engine's loop step, with warm-up and medians. */
public final class EngineBenchmark {
    private final int warmup, repeats;

    public EngineBenchmark(int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) throw new IllegalArgumentException("warm-up >= 0 and repeats >= 1 needed");
        this.warmup = warmup;
        this.repeats = repeats;
    }

    /** ND4J sgemm GFLOP/s on n×n×n. */
    public double sgemmGflops(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n);
        double ms = medianMs(() -> a.mmul(b));
        return 2.0 * n * n * n / ms / 1e6;
    }

    /** Median ms of one loop iteration (adapter + core blocks) on the given number of tokens. */
    public BenchResult.ModelBench coreStep(String name, LoopedModel model, int tokens, double sgemmGflops) {
        long[] ids = new long[tokens];
        for (int i = 0; i < tokens; i++) ids[i] = (i * 31L) % model.vocab();
        INDArray e = model.embed(ids);
        INDArray s0 = model.startState(model.initialState(new StateInit.Random(1), tokens), e);
        INDArray[] state = {s0};
        int[] step = {0};
        double ms = medianMs(() -> state[0] = model.step(state[0], e, s0, ++step[0], null));
        double gflops = model.stepFlops(tokens) / ms / 1e6;
        return new BenchResult.ModelBench(name, model.hidden(), tokens, ms, gflops, gflops / sgemmGflops);
    }

    /** Median ms of work over the repeats, after the warm-up runs. */
    double medianMs(Runnable work) {
        for (int i = 0; i < warmup; i++) work.run();
        double[] times = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(times);
        return times[repeats / 2];
    }
}
