package io.loopscope.analysis.compare;

import io.loopscope.analysis.convergence.ExitDistribution;
import io.loopscope.analysis.motif.Motif;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a set of census positions does: how many trajectories of each motif, how fast the fixed
 * points contract, and when the positions exit.
 *
 * @param counts      every motif → positions with it (zero included), adding up to the positions
 * @param contraction quartiles of the fixed points' contraction ratios, or null when there is no fixed point
 * @param exits       the exit steps of every position (never-exits counted apart)
 */
public record Census(Map<Motif, Integer> counts, Quartiles contraction, ExitDistribution exits) {
    public Census {
        Objects.requireNonNull(exits, "exits");
        EnumMap<Motif, Integer> all = new EnumMap<>(Motif.class);
        for (Motif m : Motif.values()) {
            int n = counts.getOrDefault(m, 0);
            if (n < 0) throw new IllegalArgumentException(m.id() + " count must be >= 0, got " + n);
            all.put(m, n);
        }
        counts = Collections.unmodifiableMap(all);
        int total = all.values().stream().mapToInt(Integer::intValue).sum();
        if (total != exits.tokens()) throw new IllegalArgumentException("motif counts (" + total + ") and exit steps (" + exits.tokens() + ") must cover the same positions");
        int fixed = all.get(Motif.FIXED_POINT);
        if ((contraction == null ? 0 : contraction.n()) != fixed) {
            throw new IllegalArgumentException("one contraction ratio per fixed point (" + fixed + "), got " + (contraction == null ? 0 : contraction.n()));
        }
    }

    /** The census of rows. */
    public static Census of(List<CensusRow> rows) {
        EnumMap<Motif, Integer> counts = new EnumMap<>(Motif.class);
        for (CensusRow r : rows) counts.merge(r.motif(), 1, Integer::sum);
        double[] ratios = rows.stream().filter(r -> r.contractionRatio() != null).mapToDouble(CensusRow::contractionRatio).toArray();
        return new Census(counts, Quartiles.of(ratios), ExitDistribution.of(rows.stream().map(CensusRow::exitStep).toList()));
    }

    public int positions() {
        return exits.tokens();
    }

    /** Exit step → the share of all positions (never-exits included in the whole) that first exit there: the histogram as drawn. */
    public SortedMap<Integer, Double> exitShares() {
        SortedMap<Integer, Double> out = new TreeMap<>();
        exits.counts().forEach((step, n) -> out.put(step, n / (double) exits.tokens()));
        return Collections.unmodifiableSortedMap(out);
    }

    /** Positions whose exit never fired, as a share of all (NaN without positions). */
    public double neverShare() {
        return exits.never() / (double) exits.tokens();
    }
}
