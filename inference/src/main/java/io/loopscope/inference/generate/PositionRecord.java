package io.loopscope.inference.generate;

import io.loopscope.inference.lens.LensStep;
import java.util.Arrays;

/**
 * What one position recorded at each loop step it ran. Steps past its exit stay as a run that
 * never happened reads: states and lens logits zero, lens statistics NaN, top-k ids -1.
 */
final class PositionRecord {
    final float[] states;                   // [(R+1)·H]
    final float[] entropy, kl, minpKl;      // [R+1]
    final int[] topIds;                     // [(R+1)·K]
    final float[] topProbs;                 // [(R+1)·K]
    final float[] lens;                     // [(R+1)·V] or null
    final float[] lambda;                   // [R] the exit gate's λ at steps 1..R (NaN past the exit, or without a gate)
    float[] logits;                         // [V] decode of its last step
    float[] latent;                         // [H] the normalised latent of its last step
    int steps;

    PositionRecord(int iterations, int hidden, int vocab, int topK, boolean fullLens) {
        int n = iterations + 1;
        states = new float[n * hidden];
        entropy = nan(n);
        kl = nan(n);
        minpKl = nan(n);
        topIds = new int[n * topK];
        Arrays.fill(topIds, -1);
        topProbs = new float[n * topK];
        lens = fullLens ? new float[n * vocab] : null;
        lambda = nan(iterations);
    }

    private static float[] nan(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    /** Row {@code row} of a chunk's step: its state [H] at offset row·H, lens statistics and logits. */
    void record(int step, int row, float[] chunkStates, int hidden, LensStep lensStep, float[] chunkLogits, int vocab) {
        System.arraycopy(chunkStates, row * hidden, states, step * hidden, hidden);
        entropy[step] = lensStep.entropy()[row];
        kl[step] = lensStep.kl()[row];
        minpKl[step] = lensStep.minpKl()[row];
        int k = lensStep.k();
        System.arraycopy(lensStep.topkIds(), row * k, topIds, step * k, k);
        System.arraycopy(lensStep.topkProbs(), row * k, topProbs, step * k, k);
        if (lens != null) System.arraycopy(chunkLogits, row * vocab, lens, step * vocab, vocab);
    }
}
