package io.loopscope.inference.model;

/**
 * SLR's sinusoidal timestep embedding τ_t: the transformer's sin/cos position code with the loop step
 * t as the position, over the H dimensions of the state:
 * <pre>
 *   τ_t[2i]     = sin(t · 10000^(−2i/H))
 *   τ_t[2i + 1] = cos(t · 10000^(−2i/H))        i = 0 .. H/2 − 1
 * </pre>
 * The engine and the trainer both take it from here, so they add the very same floats.
 */
public final class TimestepEmbedding {
    /** The base of the frequencies, as in "Attention Is All You Need". */
    public static final double BASE = 10_000;

    private TimestepEmbedding() {
    }

    /** τ_t [H] for step t (1-based); H must be even. */
    public static float[] sinusoidal(int step, int hidden) {
        if (hidden % 2 != 0) throw new IllegalArgumentException("a sinusoidal embedding needs an even width, got " + hidden);
        float[] out = new float[hidden];
        for (int i = 0; i < hidden / 2; i++) {
            double angle = step * Math.pow(BASE, -2.0 * i / hidden);
            out[2 * i] = (float) Math.sin(angle);
            out[2 * i + 1] = (float) Math.cos(angle);
        }
        return out;
    }
}
