package io.loopscope.ui.testing;

import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small hand-made traces with the right shapes, for view tests that need no model. */
public final class SyntheticTrace {
    private SyntheticTrace() {
    }

    public static Trace make(long[] ids, List<String> tokens, int iterations, int hidden, int topK, long seed, String model) {
        int s = ids.length, steps = iterations + 1;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] states = new float[steps * s * hidden];
        for (int i = 0; i < states.length; i++) states[i] = (float) rnd.nextGaussian();
        float[] ent = new float[steps * s], kl = new float[steps * s];
        int[] top = new int[steps * s * topK];
        float[] probs = new float[steps * s * topK];
        for (int st = 0; st < steps; st++) {
            for (int t = 0; t < s; t++) {
                ent[st * s + t] = (float) (3.0 / (1 + st));
                kl[st * s + t] = (float) Math.pow(0.7, st);
                for (int k = 0; k < topK; k++) {
                    top[(st * s + t) * topK + k] = (int) ((ids[t] + k + st / 4) % 50);
                    probs[(st * s + t) * topK + k] = (float) (Math.min(0.9, 0.2 + 0.02 * st) / (k + 1));
                }
            }
        }
        List<Integer> exits = new ArrayList<>();
        for (int t = 0; t < s; t++) exits.add(Math.min(iterations, 5 + t));
        RunInfo info = new RunInfo(model, null, Map.of(), iterations, "random", null, seed, topK, tokens, 1e-6,
                Map.of("kl", 5e-4), Map.of("kl", exits), Map.of("loop_ms", 1.0), null, "test");
        float[] last = java.util.Arrays.copyOfRange(states, iterations * s * hidden, steps * s * hidden); // stands in for ln_f(s_R)
        return new Trace(info, ids, new FloatTensor(new int[] {steps, s, hidden}, states), new FloatTensor(new int[] {s, hidden}, last), null,
                new FloatTensor(new int[] {steps, s}, ent), new FloatTensor(new int[] {steps, s}, kl),
                new IntTensor(new int[] {steps, s, topK}, top), new FloatTensor(new int[] {steps, s, topK}, probs), null,
                new FloatTensor(new int[] {hidden}, new float[hidden]));
    }

    /**
     * The trace as a generation records it: every position past its own steps is left as a run that
     * never happened reads (zero states, NaN lens statistics, top-k ids -1).
     */
    public static Trace withGeneration(Trace t, io.loopscope.inference.trace.Generated g) {
        int steps = t.iterations() + 1, s = t.tokenCount(), h = t.hidden(), k = t.lensTopkIds().shape()[2];
        float[] states = t.states().data().clone(), ent = t.lensEntropy().data().clone(), kl = t.lensKl().data().clone();
        float[] probs = t.lensTopkProbs().data().clone();
        int[] top = t.lensTopkIds().data().clone();
        for (int tok = 0; tok < s; tok++) {
            for (int st = g.stepsAt(tok) + 1; st < steps; st++) {
                java.util.Arrays.fill(states, (st * s + tok) * h, (st * s + tok + 1) * h, 0f);
                ent[st * s + tok] = Float.NaN;
                kl[st * s + tok] = Float.NaN;
                java.util.Arrays.fill(top, (st * s + tok) * k, (st * s + tok + 1) * k, -1);
                java.util.Arrays.fill(probs, (st * s + tok) * k, (st * s + tok + 1) * k, Float.NaN);
            }
        }
        return new Trace(t.info(), t.ids(), new FloatTensor(t.states().shape(), states), t.finalLatent(), t.logits(),
                new FloatTensor(new int[] {steps, s}, ent), new FloatTensor(new int[] {steps, s}, kl), null,
                new IntTensor(t.lensTopkIds().shape(), top), new FloatTensor(t.lensTopkProbs().shape(), probs), null, t.lnFWeight(), g);
    }
}
