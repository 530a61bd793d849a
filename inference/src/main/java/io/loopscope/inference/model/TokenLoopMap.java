package io.loopscope.inference.model;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One token's loop map inside a sequence, for local-stability analysis: s ↦ step(S with row t replaced by s, e)[t], every other
 * token held at its state in S. (Causal attention: row t reads rows ≤ t, so later rows do not matter.)
 */
public final class TokenLoopMap implements UnaryOperator<double[]> {
    private final LoopedModel model;
    private final INDArray e;        // [S, H]
    private final float[] states;    // [S·H] the held states
    private final int tokens, hidden, token;

    /**
     * @param model  the family's loop
     * @param ids    [S] the sequence
     * @param states [S][H] raw states of every token (e.g. the last recorded step)
     * @param token  whose map this is
     */
    public TokenLoopMap(LoopedModel model, long[] ids, double[][] states, int token) {
        this.model = model;
        this.e = model.embed(ids);
        this.tokens = ids.length;
        this.hidden = model.hidden();
        if (states.length != tokens) throw new IllegalArgumentException("states has " + states.length + " rows for " + tokens + " tokens");
        if (token < 0 || token >= tokens) throw new IllegalArgumentException("token " + token + " is outside 0.." + (tokens - 1));
        this.token = token;
        this.states = new float[tokens * hidden];
        for (int t = 0; t < tokens; t++) for (int j = 0; j < hidden; j++) this.states[t * hidden + j] = (float) states[t][j];
    }

    @Override
    public double[] apply(double[] s) {
        float[] all = states.clone();
        for (int j = 0; j < hidden; j++) all[token * hidden + j] = (float) s[j];
        INDArray next = model.step(Nd4j.create(all, new long[] {tokens, hidden}, 'c'), e);   // [S, H]
        float[] row = next.getRow(token).castTo(DataType.FLOAT).dup('c').data().asFloat();
        double[] out = new double[hidden];
        for (int j = 0; j < hidden; j++) out[j] = row[j];
        return out;
    }
}
