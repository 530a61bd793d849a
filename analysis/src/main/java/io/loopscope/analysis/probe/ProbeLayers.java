package io.loopscope.analysis.probe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of the loop's layers a probe also reads, beside the block output: none (the default), every
 * one, or the listed ones. The indices are checked against the model only when it is known
 * ({@link #resolve}), since the number of loop layers is the model's.
 *
 * @param all    every loop layer
 * @param listed the chosen layers (0-based, as in a trace's layer_states), empty for none or all
 */
public record ProbeLayers(boolean all, List<Integer> listed) {
    public static final ProbeLayers NONE = new ProbeLayers(false, List.of());
    public static final ProbeLayers ALL = new ProbeLayers(true, List.of());

    public ProbeLayers {
        listed = List.copyOf(listed);
        if (all && !listed.isEmpty()) throw new IllegalArgumentException("--layers is either all or a list of layers, not both");
        Set<Integer> seen = new HashSet<>();
        for (int j : listed) {
            if (j < 0) throw new IllegalArgumentException("--layers counts layers from 0, got " + j);
            if (!seen.add(j)) throw new IllegalArgumentException("--layers lists layer " + j + " twice");
        }
    }

    /** "all" or "J,J,…" (as --layers takes them); blank is none. */
    public static ProbeLayers parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) return NONE;
        if (t.equalsIgnoreCase("all")) return ALL;
        List<Integer> out = new ArrayList<>();
        for (String part : t.split(",")) {
            try {
                out.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--layers takes all or layer indices separated by commas (0,1), got '" + text + "'");
            }
        }
        return new ProbeLayers(false, out);
    }

    /** Whether any layer is probed. */
    public boolean any() {
        return all || !listed.isEmpty();
    }

    /**
     * The layer indices to probe in a loop of loopLayers layers, in the order listed (all: 0..C−1);
     * IllegalArgumentException when the loop reports no layers or an index is outside it.
     */
    public int[] resolve(int loopLayers, String model) {
        if (!any()) return new int[0];
        if (loopLayers < 1) throw new IllegalArgumentException(model + " reports no loop layers: --layers has nothing to probe");
        if (all) return java.util.stream.IntStream.range(0, loopLayers).toArray();
        for (int j : listed) {
            if (j >= loopLayers) {
                throw new IllegalArgumentException("--layers " + j + " is outside the loop of " + model + ", which has " + loopLayers
                        + (loopLayers == 1 ? " layer (0)" : " layers (0.." + (loopLayers - 1) + ")"));
            }
        }
        return listed.stream().mapToInt(Integer::intValue).toArray();
    }

    /** As --layers spells it: "", "all" or "0,2". */
    @Override
    public String toString() {
        return all ? "all" : listed.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
