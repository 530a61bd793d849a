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
}
