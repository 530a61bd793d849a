package io.loopscope.analysis.projection;

/**
 * A 2-D non-linear embedding (t-SNE or UMAP) of a trace's states.
 *
 * @param method       "t-SNE" or "UMAP"
 * @param coordinates  [n][2], one row per embedded state (empty when unavailable)
 * @param steps        the step of each embedded state
 * @param tokens       the token of each embedded state
 * @param sampled      true when only a random subset of the states was embedded
 * @param totalStates  how many finite states the trace has
 * @param unavailable  why the embedding could not be computed, or null
 */
public record EmbeddingResult(String method, double[][] coordinates, int[] steps, int[] tokens, boolean sampled, int totalStates, String unavailable) {
    public EmbeddingResult {
        if (coordinates.length != steps.length || steps.length != tokens.length) throw new IllegalArgumentException("one step and token per point");
        coordinates = PcaResult.deepCopy(coordinates);
        steps = steps.clone();
        tokens = tokens.clone();
    }

    @Override
    public double[][] coordinates() {
        return PcaResult.deepCopy(coordinates);
    }

    @Override
    public int[] steps() {
        return steps.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** "t-SNE of 2000 of 6400 states (random sample)" */
    public String describe() {
        if (unavailable != null) return method + " unavailable: " + unavailable;
        return method + " of " + (sampled ? steps.length + " of " + totalStates + " states (random sample)" : "all " + totalStates + " states");
    }
}
