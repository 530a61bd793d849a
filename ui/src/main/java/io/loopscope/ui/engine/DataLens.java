package io.loopscope.ui.engine;

import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLens;

/**
 * The lens of the analysis module's {@link TraceData}. The analysis holds a generated token at its
 * exit (KL 0, entropy and guesses repeated); the views show the steps after it as never run, so the
 * curves read NaN there while the guesses stay the held ones.
 */
final class DataLens implements RunLens {
    private final TraceData data;
    private final TraceLens top;

    DataLens(TraceData data) {
        this.data = data;
        this.top = data.lensTopk();
    }

    @Override
    public int topK() {
        return top == null ? 0 : top.ids().shape()[2];
    }

    @Override
    public boolean hasProbabilities() {
        return top != null && top.hasProbabilities();
    }

    @Override
    public double kl(int step, int token) {
        return !data.hasLensKl() || step > data.ranSteps(token) ? Double.NaN : data.lensKl(step, token);
    }

    @Override
    public double entropy(int step, int token) {
        return !data.hasLensEntropy() || step > data.ranSteps(token) ? Double.NaN : data.lensEntropy(step, token);
    }

    @Override
    public long topId(int step, int token, int rank) {
        if (top == null) throw new IllegalStateException(data.source() + " has no lens top-k");
        return top.id(step, token, rank);
    }

    @Override
    public double topProbability(int step, int token, int rank) {
        return hasProbabilities() ? top.probs().get(step, token, rank) : Double.NaN;
    }
}
