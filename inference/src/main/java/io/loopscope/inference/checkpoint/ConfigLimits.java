package io.loopscope.inference.checkpoint;

/**
 * What a config implies before anything is allocated: the tensor count the layout needs against
 * what the files hold (a typo of 10⁷ layers would otherwise build a name map for minutes), and the
 * RoPE table a context length needs against the heap (block_size 10⁹ filled memory until the JVM died).
 */
final class ConfigLimits {
    private ConfigLimits() {
    }

    /**
     * Refuses a config that needs far more tensors than the checkpoint has (a few missing ones are
     * listed by name later, by the header check).
     */
    static void requireTensors(String source, long needed, String layersField, long layers, int present) throws CheckpointException {
        if (needed > 2L * present + 16) {
            throw new CheckpointException(source + ": " + layersField + " " + layers + " needs " + needed + " tensors but the checkpoint holds "
                    + present + "; check the config");
        }
    }

    /** Refuses a RoPE table (positions × head_dim floats, cos and sin) the heap cannot hold. */
    static void requireRopeTable(String source, String field, long positions, int headDim) throws CheckpointException {
        long bytes = positions * headDim * 4L;                       // cos and sin, hd/2 each
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free / 4) {
            throw new CheckpointException(String.format("%s: %s %d needs a RoPE table of %.1f GB but only %.1f GB of memory are free;"
                    + " check the config", source, field, positions, bytes / 1e9, free / 1e9));
        }
    }

    /**
     * Refuses, before any tensor is read, weights that cannot fit: each is widened to float32 in
     * memory (4 bytes per element whatever its stored dtype), and the largest is read through a
     * buffer of its stored size beside it.
     */
    static void requireWeightsFit(CheckpointTensors tensors, java.util.List<String> names, java.util.function.Predicate<String> inPlace,
                                  MemoryBudget budget) throws CheckpointException {
        long needed = 0, largestStored = 0;
        for (String name : names) {
            SafetensorsEntry e = tensors.entries().get(name);
            needed = Math.addExact(needed, loadedBytes(e, inPlace.test(name)));
            largestStored = Math.max(largestStored, e.byteLength());
        }
        needed = Math.addExact(needed, largestStored);
        if (needed > budget.usable()) {
            throw new CheckpointException(String.format(java.util.Locale.ROOT,
                    "%s: the weights need %s of memory as loaded but only %s are free (%s); close other programs, raise the limit "
                            + "(LOOPSCOPE_JVM_OPTS=\"-Dorg.bytedeco.javacpp.maxbytes=…\") or use a machine with more memory",
                    tensors.files(), MemoryBudget.gb(needed), MemoryBudget.gb(budget.usable()), budget.describe()));
        }
    }

    /** A tensor's bytes once loaded: BF16 matrices the engine uses in place keep 2 bytes a value, the rest widen to float32. */
    static long loadedBytes(SafetensorsEntry e, boolean inPlace) {
        boolean stored = inPlace && e.dtype() == SafetensorsDType.BF16 && e.shape().length == 2;
        return Math.multiplyExact(e.elementCount(), stored ? 2L : 4L);
    }
}
