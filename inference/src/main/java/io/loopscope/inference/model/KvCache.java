package io.loopscope.inference.model;

/**
 * The keys and values every attention layer wrote, per <em>slot</em> and per position, for cached
 * decoding. A family numbers its slots (Huginn: prelude layer j, core layer j at loop step k, coda
 * layer j); the cache only stores rows and knows how many loop steps each position ran, which is
 * what decides what a later token may see in a core slot ({@link KvSharing}).
 *
 * <p>Allocated once for the whole run: slots × positions × width floats for K and as many for V.
 */
public final class KvCache {
    private final int slots, positions, width;
    private final int maxSteps;
    private final KvSharing sharing;
    private final float[][] keys, values;   // [slot][position · width], K after RoPE
    private final int[] steps;             // [position] loop steps it ran, -1 while it is still running

    public KvCache(int slots, int positions, int width, int maxSteps, KvSharing sharing) {
        if (positions < 1) throw new IllegalArgumentException("a cache needs at least one position, got " + positions);
        if (maxSteps < 0) throw new IllegalArgumentException("loop steps must be >= 0, got " + maxSteps);
        requireFits(slots, positions, width);
        this.slots = slots;
        this.positions = positions;
        this.width = width;
        this.maxSteps = maxSteps;
        this.sharing = java.util.Objects.requireNonNull(sharing, "sharing");
        this.keys = new float[slots][positions * width];
        this.values = new float[slots][positions * width];
        this.steps = new int[positions];
        java.util.Arrays.fill(steps, -1);
    }

    /** Refuses a cache the JVM cannot hold, before allocating it. */
    static void requireFits(int slots, int positions, int width) {
        long bytes = 2L * 4L * slots * positions * width;
        long free = Runtime.getRuntime().maxMemory() - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        if (bytes > free * 0.8) {
            throw new IllegalArgumentException(String.format(
                    "the KV cache for %d positions × %d attention slots needs %.1f GB but only %.1f GB are free;"
                            + " generate fewer tokens or use fewer iterations", positions, slots, bytes / 1e9, free / 1e9));
        }
        if ((long) positions * width > Integer.MAX_VALUE) throw new IllegalArgumentException("too many positions for one cache: " + positions);
    }

    public int positions() {
        return positions;
    }

    public int maxSteps() {
        return maxSteps;
    }

    public KvSharing sharing() {
        return sharing;
    }

    /** Stores n rows of K and V [n · width] for positions [position, position + n) in a slot. */
    void write(int slot, int position, float[] k, float[] v, int n) {
        checkRange(position, n);
        System.arraycopy(k, 0, keys[slot], position * width, n * width);
        System.arraycopy(v, 0, values[slot], position * width, n * width);
    }

    float[] keys(int slot) {
        return keys[slot];
    }

    float[] values(int slot) {
        return values[slot];
    }

    /** Marks positions [position, position + n) as finished after the given number of loop steps. */
    public void commit(int position, int n, int ranSteps) {
        checkRange(position, n);
        if (ranSteps < 0 || ranSteps > maxSteps) throw new IllegalArgumentException("steps must be in [0, " + maxSteps + "], got " + ranSteps);
        for (int t = position; t < position + n; t++) steps[t] = ranSteps;
    }

    /** Loop steps position t ran, or -1 while it is running. */
    public int stepsOf(int t) {
        return steps[t];
    }

    /**
     * Which loop step's K/V an earlier, finished position t offers at loop step k: k itself when it
     * ran that far, else its last step under {@link KvSharing#LATEST}, else -1 (left out).
     */
    int visibleStep(int t, int k) {
        int ran = steps[t];
        if (ran < 0 || ran >= k) return k;
        return sharing == KvSharing.LATEST && ran >= 1 ? ran : -1;
    }

    private void checkRange(int position, int n) {
        if (position < 0 || n < 0 || position + n > positions) {
            throw new IllegalArgumentException("positions [" + position + ", " + (position + n) + ") are outside the cache's " + positions);
        }
    }
}
