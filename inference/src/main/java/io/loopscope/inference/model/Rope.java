package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rotary position embedding of every head, in one of the two conventions looped models use:
 * interleaved pairs (x[2i], x[2i+1]) as Huginn applies it, or split halves (x[i], x[i + hd/2]) as
 * Llama/Qwen-style models such as Ouro do. Both rotate pair i by pos · θ_i, θ_i = base^(−2i/hd).
 *
 * <p>The angle table is computed in float32 arithmetic, like the reference model, so every position
 * rotates by exactly the same (rounded) angles; {@code freqs_cis} buffers in checkpoints are ignored.
 */
public final class Rope {
    /** Which two coordinates of a head form rotation pair i. */
    public enum Style {
        /** (x[2i], x[2i+1]): Huginn. */
        INTERLEAVED,
        /** (x[i], x[i + hd/2]), rotate_half: Llama, Qwen, Ouro. */
        HALVES
    }

    private final int headDim;
    private final Style style;
    private final float[][] cos; // [maxPositions][hd/2]  cos(pos · θ_i)
    private final float[][] sin; // [maxPositions][hd/2]

    public Rope(int headDim, double base, int maxPositions) {
        this(headDim, base, maxPositions, Style.INTERLEAVED);
    }

    public Rope(int headDim, double base, int maxPositions, Style style) {
        this.headDim = headDim;
        this.style = java.util.Objects.requireNonNull(style, "style");
        float[][][] table = table(headDim, base, maxPositions);
        this.cos = table[0];
        this.sin = table[1];
    }

    /**
     * {cos, sin}[position][i] of the angle pos · θ_i, θ_i = base^(−2i/hd), in float32 arithmetic as
     * the reference computes it: the one table, used by the engine and by the SameDiff trainer.
     */
    public static float[][][] table(int headDim, double base, int positions) {
        int half = headDim / 2;
        float[] inverseFrequency = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (float) (2 * i) / (float) headDim;
            inverseFrequency[i] = 1.0f / (float) Math.pow(base, exponent);
        }
        float[][] cos = new float[positions][half], sin = new float[positions][half];
        for (int pos = 0; pos < positions; pos++) {
            for (int i = 0; i < half; i++) {
                float angle = (float) pos * inverseFrequency[i];
                cos[pos][i] = (float) Math.cos(angle);
                sin[pos][i] = (float) Math.sin(angle);
            }
        }
        return new float[][][] {cos, sin};
    }

    public int maxPositions() {
        return cos.length;
    }

    /** Rotates x [S, heads·hd] (dense, positions 0..S-1) in place and returns it. */
    public INDArray applyInPlace(INDArray x) {
        return applyInPlace(x, 0);
    }

    /** Rotates x [n, heads·hd] (dense) of positions [first, first + n) in place and returns it. */
    public INDArray applyInPlace(INDArray x, int first) {
        if (first < 0 || first + x.size(0) > cos.length) {
            throw new IllegalArgumentException("positions up to " + (first + x.size(0)) + " exceed the RoPE table of " + cos.length);
        }
        switch (style) {
            case INTERLEAVED -> Kernels.rotatePairs(x, cos, sin, headDim, first);
            case HALVES -> Kernels.rotateHalves(x, cos, sin, headDim, first);
        }
        return x;
    }
}
