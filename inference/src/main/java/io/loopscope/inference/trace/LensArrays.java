package io.loopscope.inference.trace;

import io.loopscope.inference.lens.LensStep;
import io.loopscope.inference.lens.LogitLens;

/** One lens's statistics over a run, step by step: what a trace stores of the coda lens and of the logit lens. */
final class LensArrays {
    private final int tokens, k;
    private final LogitLens lens;
    final float[] entropy, kl, minpKl;   // [R+1, S]
    final int[] topkIds;                 // [R+1, S, K]
    final float[] topkProbs;             // [R+1, S, K]

    LensArrays(int steps, int tokens, int vocab, int k) {
        this.tokens = tokens;
        this.k = k;
        this.lens = new LogitLens(tokens, vocab, k);
        this.entropy = new float[steps * tokens];
        this.kl = new float[steps * tokens];
        this.minpKl = new float[steps * tokens];
        this.topkIds = new int[steps * tokens * k];
        this.topkProbs = new float[steps * tokens * k];
    }

    /** The logits [S·V] of step i: their statistics go into row i (and the next KL compares with them). */
    LensStep record(int step, float[] logits) {
        LensStep s = lens.observe(logits);
        System.arraycopy(s.entropy(), 0, entropy, step * tokens, tokens);
        System.arraycopy(s.kl(), 0, kl, step * tokens, tokens);
        System.arraycopy(s.minpKl(), 0, minpKl, step * tokens, tokens);
        System.arraycopy(s.topkIds(), 0, topkIds, step * tokens * k, tokens * k);
        System.arraycopy(s.topkProbs(), 0, topkProbs, step * tokens * k, tokens * k);
        return s;
    }

    LensRecord toRecord(int steps) {
        return new LensRecord(new FloatTensor(new int[] {steps, tokens}, entropy), new FloatTensor(new int[] {steps, tokens}, kl),
                new FloatTensor(new int[] {steps, tokens}, minpKl), new IntTensor(new int[] {steps, tokens, k}, topkIds),
                new FloatTensor(new int[] {steps, tokens, k}, topkProbs));
    }
}
