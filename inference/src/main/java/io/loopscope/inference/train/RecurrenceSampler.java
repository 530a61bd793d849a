package io.loopscope.inference.train;

import java.util.SplittableRandom;

/**
 * Huginn's training recurrence: τ ~ N(log r̄ − σ²/2, σ), r ~ Poisson(e^τ) + 1. The mean of e^τ is r̄,
 * so r averages r̄ + 1 with a heavy right tail that teaches the loop to keep going past r̄.
 */
public record RecurrenceSampler(double meanRecurrence, double sigma, int cap) {
    public RecurrenceSampler {
        if (!(meanRecurrence > 0)) throw new IllegalArgumentException("mean recurrence must be > 0, got " + meanRecurrence);
        if (!(sigma >= 0)) throw new IllegalArgumentException("sigma must be >= 0, got " + sigma);
        if (cap < 1) throw new IllegalArgumentException("cap must be >= 1, got " + cap);
    }

    /** One recurrence count in 1..cap (the cap bounds the cost of the rare extreme draw). */
    public int sample(SplittableRandom rng) {
        return sample(rng, meanRecurrence);
    }

    /** One recurrence count for another mean (a depth curriculum's current r̄). */
    public int sample(SplittableRandom rng, double mean) {
        double tau = Math.log(mean) - sigma * sigma / 2 + sigma * rng.nextGaussian();
        return Math.min(cap, poisson(Math.exp(tau), rng) + 1);
    }

    /** Knuth's method; fine for the small means used here. */
    static int poisson(double lambda, SplittableRandom rng) {
        double limit = Math.exp(-lambda), product = rng.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
    }
}
