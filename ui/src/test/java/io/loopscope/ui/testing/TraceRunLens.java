package io.loopscope.ui.testing;

import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.Trace;
import io.loopscope.ui.engine.RunLens;

/** The lens a synthetic trace recorded, for the analytic analysis (the real one reads the analysis module's TraceData). */
final class TraceRunLens implements RunLens {
    private final Trace trace;
    private final IntTensor ids;
    private final FloatTensor probs, kl, entropy;

    TraceRunLens(Trace trace) {
        this.trace = trace;
        ids = trace.lensTopkIds();
        probs = trace.lensTopkProbs();
        kl = trace.lensKl();
        entropy = trace.lensEntropy();
    }

    @Override public int topK() { return ids == null ? 0 : ids.shape()[2]; }
    @Override public boolean hasProbabilities() { return ids != null && probs != null; }

    @Override
    public double kl(int step, int token) {
        return kl == null || step > trace.stepsOf(token) ? Double.NaN : kl.get(step, token);
    }

    @Override
    public double entropy(int step, int token) {
        return entropy == null || step > trace.stepsOf(token) ? Double.NaN : entropy.get(step, token);
    }

    @Override
    public long topId(int step, int token, int rank) {
        return ids.get(Math.min(step, trace.stepsOf(token)), token, rank); // held at a generated token's exit
    }

    @Override
    public double topProbability(int step, int token, int rank) {
        return probs == null ? Double.NaN : probs.get(Math.min(step, trace.stepsOf(token)), token, rank);
    }
}
