package io.loopscope.inference.trace;

/**
 * The Java heap a recording needs: (R+1)·S·H·4 bytes of states, small per-step lens arrays, and
 * the full [R+1, S, V] lens only when asked for — plus the lens's working set of two S×V double
 * distributions.
 */
public record MemoryEstimate(long bytes) {

    public static MemoryEstimate of(int tokens, int hidden, int vocab, int iterations, int topK, boolean fullLens) {
        return of(tokens, hidden, vocab, iterations, topK, fullLens, 0);
    }

    /** With layerStates loop layers recorded at every step (--layers): R·C·S·H·4 bytes more. */
    public static MemoryEstimate of(int tokens, int hidden, int vocab, int iterations, int topK, boolean fullLens, int layerStates) {
        long steps = iterations + 1L;
        long states = steps * tokens * hidden * 4L;
        long perStep = steps * tokens * (4L + 4L + topK * 8L);
        long lens = fullLens ? steps * tokens * vocab * 4L : 0;
        long working = 4L * tokens * vocab * 8L + 2L * tokens * hidden * 4L;
        long layers = (long) iterations * layerStates * tokens * hidden * 4L;
        return new MemoryEstimate(states + perStep + lens + working + layers);
    }

    /** Throws with a clear message when the recording would not fit in what the heap has left. */
    public void requireFits(Runtime runtime) {
        requireFits(runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory()));
    }

    /** Throws when the estimate exceeds 90 % of the given free bytes (headroom for the JVM's own churn). */
    public void requireFits(long free) {
        if (bytes > free * 0.9) {
            throw new IllegalArgumentException(String.format(
                    "this run needs about %s of memory but only %s is free; lower --iterations, drop --full-lens or --layers, "
                            + "or give Java more heap (LOOPSCOPE_JVM_OPTS=-Xmx16g)", human(bytes), human(free)));
        }
    }

    public static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1L << 20) return String.format("%.1f KB", bytes / 1024.0);
        if (bytes < 1L << 30) return String.format("%.1f MB", bytes / (double) (1L << 20));
        return String.format("%.2f GB", bytes / (double) (1L << 30));
    }
}
