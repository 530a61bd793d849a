package io.loopscope.ui.engine;

import io.loopscope.analysis.LensTables;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLens;

/**
 * One lens of the analysis module's {@link TraceData} (the coda lens or the logit lens). The
 * analysis holds a generated token at its exit (KL 0, entropy and guesses repeated); the views show
 * the steps after it as never run, so the curves read NaN there while the guesses stay the held ones.
 */
final class DataLens implements RunLens {
    private final TraceData data;
    private final LensTables tables;
    private final TraceLens top;

    DataLens(TraceData data, LensTables tables) {
        this.data = data;
        this.tables = tables;
        this.top = tables.topk();
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
        return !tables.hasKl() || step > data.ranSteps(token) ? Double.NaN : tables.kl(step, token);
    }

    @Override
    public double entropy(int step, int token) {
        return !tables.hasEntropy() || step > data.ranSteps(token) ? Double.NaN : tables.entropy(step, token);
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
