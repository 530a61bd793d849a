package io.loopscope.analysis.paths;

import io.loopscope.analysis.StateSpace;
import java.util.List;
import java.util.Objects;

/**
 * Path independence of one prompt: several runs with the same token ids, compared token by token.
 *
 * @param ids          the prompt's token ids
 * @param tokens       token display strings (from the first run)
 * @param sources      the runs compared, in input order
 * @param space        the state space the distances are measured in
 * @param tolerance    relative set distance below which two runs count as one attractor
 * @param attractors   per token, or empty when the comparison was impossible
 * @param unavailable  why the runs could not be compared, or null
 * @param notes        caveats (same s0 in every run, different R)
 */
public record PromptComparison(long[] ids, List<String> tokens, List<String> sources, StateSpace space, double tolerance,
                               List<TokenAttractor> attractors, String unavailable, List<String> notes) {
    public PromptComparison {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(space, "space");
        ids = ids.clone();
        tokens = List.copyOf(tokens);
        sources = List.copyOf(sources);
        attractors = List.copyOf(attractors);
        notes = List.copyOf(notes);
        if (sources.size() < 2) throw new IllegalArgumentException("a comparison needs at least two runs");
        if ((unavailable == null) == attractors.isEmpty()) throw new IllegalArgumentException("either per-token results or the reason there are none");
        if (unavailable == null && attractors.size() != ids.length) throw new IllegalArgumentException("one result per token");
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    /** How many tokens reach the same attractor from every s0. */
    public int sameCount() {
        return (int) attractors.stream().filter(TokenAttractor::sameAttractor).count();
    }
}
