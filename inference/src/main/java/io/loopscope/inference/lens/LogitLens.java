package io.loopscope.inference.lens;

/**
 * Turns the decoded logits of successive loop steps into lens statistics: entropy, KL to the
 * previous step, Huginn's min-p KL and the top-k tokens.
 *
 * <p>Stateful by design: KL needs the previous step's distribution, which it keeps (S × V doubles);
 * the first step compares against the uniform distribution. All sums run in double precision.
 */
public final class LogitLens {
    /** Huginn's min-p filter: probabilities below 10 % of the maximum are replaced by 1/V. */
    static final double MIN_P = 0.1;

    private final int tokens, vocab, k;
    private double[][] previousLogProbs;     // [S][V]
    private double[][] previousMinpLogProbs; // [S][V]

    public LogitLens(int tokens, int vocab, int k) {
        if (k < 1 || k > vocab) throw new IllegalArgumentException("top-k must be in [1, " + vocab + "], got " + k);
        this.tokens = tokens;
        this.vocab = vocab;
        this.k = k;
    }

    /** logits [S·V] row-major → the lens at this step (and remembers it for the next KL). */
    public LensStep observe(float[] logits) {
        if (logits.length != tokens * vocab) throw new IllegalArgumentException("expected " + tokens + "×" + vocab + " logits");
        float[] entropy = new float[tokens], kl = new float[tokens], minpKl = new float[tokens];
        int[] topIds = new int[tokens * k];
        float[] topProbs = new float[tokens * k];
        double[][] logProbs = new double[tokens][], minpLogProbs = new double[tokens][];
        for (int t = 0; t < tokens; t++) {
            double[] logP = logSoftmax(logits, t * vocab, vocab);
            double[] minpLogP = minpLogProbs(logP);
            entropy[t] = (float) entropy(logP);
            kl[t] = (float) (previousLogProbs == null ? klFromUniform(logP) : kl(previousLogProbs[t], logP));
            minpKl[t] = (float) (previousMinpLogProbs == null ? klFromUniform(minpLogP) : kl(previousMinpLogProbs[t], minpLogP));
            TopK.select(logP, k, topIds, topProbs, t * k);
            logProbs[t] = logP;
            minpLogProbs[t] = minpLogP;
        }
        previousLogProbs = logProbs;
        previousMinpLogProbs = minpLogProbs;
        return new LensStep(entropy, kl, minpKl, topIds, topProbs, k);
    }

    static double[] logSoftmax(float[] logits, int offset, int vocab) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < vocab; j++) max = Math.max(max, logits[offset + j]);
        double sum = 0;
        for (int j = 0; j < vocab; j++) sum += Math.exp(logits[offset + j] - max);
        double logZ = max + Math.log(sum);
        double[] out = new double[vocab];
        for (int j = 0; j < vocab; j++) out[j] = logits[offset + j] - logZ;
        return out;
    }

    static double entropy(double[] logP) {
        double h = 0;
        for (double lp : logP) h -= Math.exp(lp) * lp;
        return h;
    }

    /** KL(p ‖ q) = Σ p (log p − log q). */
    static double kl(double[] logP, double[] logQ) {
        double d = 0;
        for (int j = 0; j < logP.length; j++) d += Math.exp(logP[j]) * (logP[j] - logQ[j]);
        return Math.max(d, 0);
    }

    static double klFromUniform(double[] logQ) {
        double logU = -Math.log(logQ.length);
        double d = 0;
        for (double lq : logQ) d += logU - lq;
        return Math.max(d / logQ.length, 0);
    }

    static double[] minpLogProbs(double[] logP) {
        double maxP = 0;
        for (double lp : logP) maxP = Math.max(maxP, Math.exp(lp));
        double floor = 1.0 / logP.length, sum = 0;
        double[] p = new double[logP.length];
        for (int j = 0; j < p.length; j++) {
            double pj = Math.exp(logP[j]);
            p[j] = pj < MIN_P * maxP ? floor : pj;
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) p[j] = Math.log(p[j] / sum);
        return p;
    }
}
