package io.loopscope.inference.trace;

import java.util.Arrays;
import java.util.Objects;

/**
 * A learned exit gate's view of a run (Ouro), for loops 1..R of every token.
 *
 * @param lambda [R, S] λ_t = sigmoid(gate(s_t)): P(stop at t | not stopped before)
 * @param pdf    [R, S] the exit distribution p_t = λ_t · Π_{j<t}(1 − λ_j), the last loop taking the rest
 *               (p_R = Π_{j<R}(1 − λ_j)), so each token's column sums to 1
 */
public record ExitGate(FloatTensor lambda, FloatTensor pdf) {

    public ExitGate {
        Objects.requireNonNull(lambda, "lambda");
        Objects.requireNonNull(pdf, "pdf");
        if (lambda.rank() != 2 || !Arrays.equals(lambda.shape(), pdf.shape())) {
            throw new IllegalArgumentException("exit_lambda and exit_pdf must both be [R, S], got " + lambda + " and " + pdf);
        }
    }

    /** The gate of a run from its λ [R·S] (loop-major): the distribution is computed here, the one place. */
    public static ExitGate of(float[] lambda, int loops, int tokens) {
        if (lambda.length != loops * tokens) throw new IllegalArgumentException("λ has " + lambda.length + " values for " + loops + " × " + tokens);
        float[] pdf = new float[lambda.length];
        for (int t = 0; t < tokens; t++) {
            double survive = 1;
            for (int i = 0; i < loops; i++) {
                double l = lambda[i * tokens + t];
                pdf[i * tokens + t] = (float) (i == loops - 1 ? survive : l * survive);
                survive *= 1 - l;
            }
        }
        int[] shape = {loops, tokens};
        return new ExitGate(new FloatTensor(shape, lambda.clone()), new FloatTensor(shape, pdf));
    }

    public int loops() {
        return lambda.dim(0);
    }
}
