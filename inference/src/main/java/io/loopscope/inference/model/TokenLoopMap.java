package io.loopscope.inference.model;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One token's loop map inside a sequence, for local-stability analysis: s ↦ step(S with row t
 * replaced by s, e, s_0, k)[t], every other token held at its state in S. (Causal attention: row t
 * reads rows ≤ t, so later rows do not matter.) The map is that of one particular step k with the
 * loop's own start s_0, because a step may depend on both (SLR's timestep embedding, loop-wise LoRA
 * and residual); for plain Huginn every step is the same map.
 */
public final class TokenLoopMap implements UnaryOperator<double[]> {
    private final LoopedModel model;
    private final INDArray e;        // [S, H]
    private final INDArray s0;       // [S, H]
    private final float[] states;    // [S·H] the held states
    private final int tokens, hidden, token, step;

    /**
     * @param model  the family's loop
     * @param ids    [S] the sequence
     * @param states [S][H] raw states of every token (e.g. the last recorded step)
     * @param starts [S][H] raw s_0 of every token: where their loop started
     * @param token  whose map this is
     * @param step   the loop step (1-based) the map is, e.g. the step after the last recorded one
     */
    public TokenLoopMap(LoopedModel model, long[] ids, double[][] states, double[][] starts, int token, int step) {
        this.model = model;
        this.e = model.embed(ids);
        this.tokens = ids.length;
        this.hidden = model.hidden();
        if (states.length != tokens) throw new IllegalArgumentException("states has " + states.length + " rows for " + tokens + " tokens");
        if (starts.length != tokens) throw new IllegalArgumentException("starts has " + starts.length + " rows for " + tokens + " tokens");
        if (token < 0 || token >= tokens) throw new IllegalArgumentException("token " + token + " is outside 0.." + (tokens - 1));
        if (step < 1) throw new IllegalArgumentException("step must be >= 1, got " + step);
        this.token = token;
        this.step = step;
        this.states = flat(states);
        this.s0 = Nd4j.create(flat(starts), new long[] {tokens, hidden}, 'c');
    }

    private float[] flat(double[][] rows) {
        float[] out = new float[tokens * hidden];
        for (int t = 0; t < tokens; t++) for (int j = 0; j < hidden; j++) out[t * hidden + j] = (float) rows[t][j];
        return out;
    }

    @Override
    public double[] apply(double[] s) {
        float[] all = states.clone();
        for (int j = 0; j < hidden; j++) all[token * hidden + j] = (float) s[j];
        INDArray next = model.step(Nd4j.create(all, new long[] {tokens, hidden}, 'c'), e, s0, step, null);   // [S, H]
        float[] row = next.getRow(token).castTo(DataType.FLOAT).dup('c').data().asFloat();
        double[] out = new double[hidden];
        for (int j = 0; j < hidden; j++) out[j] = row[j];
        return out;
    }
}
