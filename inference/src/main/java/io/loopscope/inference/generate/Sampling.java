package io.loopscope.inference.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How the next token is picked from a position's final logits: greedy (argmax, ties to the lowest
 * id) when {@code temperature} is 0, else a seeded draw after the usual filters, applied in
 * Hugging Face's order: temperature, top-k, top-p, min-p.
 *
 * @param temperature 0 for greedy, else the softmax temperature (> 0)
 * @param topK        keep the K most probable ids (0: off)
 * @param topP        keep the smallest set whose probability reaches P, in (0, 1] (1: off)
 * @param minP        drop ids below minP × the top probability, in [0, 1) (0: off)
 * @param seed        the seed of the draw, so a sampled run repeats exactly
 */
public record Sampling(double temperature, int topK, double topP, double minP, long seed) {

    public static final Sampling GREEDY = new Sampling(0, 0, 1, 0, 0);

    public Sampling {
        if (!(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0 (0 = greedy), got " + temperature);
        }
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0 (0 = off), got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1] (1 = off), got " + topP);
        if (!(minP >= 0 && minP < 1)) throw new IllegalArgumentException("min-p must be in [0, 1) (0 = off), got " + minP);
        if (temperature == 0 && (topK != 0 || topP != 1 || minP != 0)) {
            throw new IllegalArgumentException("top-k, top-p and min-p filter a random draw: give a --temperature above 0 with them");
        }
    }

    public boolean greedy() {
        return temperature == 0;
    }

    /** For run descriptions: "greedy" or "temperature=0.8 top-k=40 top-p=0.9 min-p=0 seed=1". */
    public String describe() {
        return greedy() ? "greedy" : String.format(java.util.Locale.ROOT, "temperature=%s top-k=%d top-p=%s min-p=%s seed=%d",
                temperature, topK, topP, minP, seed);
    }

    /** A fresh sampler: its random stream starts at the seed. */
    public Sampler start() {
        if (greedy()) return Sampling::argmax;
        SplittableRandom random = new SplittableRandom(seed);
        return logits -> draw(logits, random.nextDouble());
    }

    /** The next id from one position's logits [V]. */
    @FunctionalInterface
    public interface Sampler {
        int next(float[] logits);
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int j = 1; j < logits.length; j++) if (logits[j] > logits[best]) best = j;
        return best;
    }

    /** The id whose cumulative filtered probability first exceeds u ∈ [0, 1). */
    int draw(float[] logits, double u) {
        int v = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double[] p = new double[v];
        double sum = 0;
        for (int j = 0; j < v; j++) sum += p[j] = Math.exp((logits[j] - max) / temperature);
        if (topK == 0 && topP == 1 && minP == 0) {          // no filter: no need to rank the whole vocabulary
            double target = u * sum, running = 0;
            for (int j = 0; j < v; j++) {
                running += p[j];
                if (running > target) return j;
            }
            return v - 1;
        }
        Integer[] order = new Integer[v];
        for (int j = 0; j < v; j++) order[j] = j;
        final double[] probs = p;
        Arrays.sort(order, (a, b) -> probs[b] != probs[a] ? Double.compare(probs[b], probs[a]) : Integer.compare(a, b));
        int keep = topK == 0 ? v : Math.min(topK, v);
        double mass = 0;
        for (int i = 0; i < keep; i++) {                     // top-p over what top-k kept
            mass += p[order[i]] / sum;
            if (mass >= topP) {
                keep = i + 1;
                break;
            }
        }
        double floor = minP * p[order[0]];
        while (keep > 1 && p[order[keep - 1]] < floor) keep--;
        double kept = 0;
        for (int i = 0; i < keep; i++) kept += p[order[i]];
        double target = u * kept, running = 0;
        for (int i = 0; i < keep; i++) {
            running += p[order[i]];
            if (running > target) return order[i];
        }
        return order[keep - 1];
    }
}
