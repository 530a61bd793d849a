package io.loopscope.analysis.compare;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One model of a comparison.
 *
 * @param name             as the user named it (a shipped model's name, or the folder's)
 * @param family           "huginn", "slr" or "ouro"
 * @param stabilisers      its SLR stabilisers (empty for the others)
 * @param meanRecurrence   r̄, the mean recurrence it was trained with
 * @param accuracy         accuracy at r = 1, 2, 4, … up to {@link ComparisonSettings#FAR}·r̄ (r̄ among them)
 * @param censusIterations R of the census: the largest r of the sweep
 * @param censusPrompts    prompts the census ran
 * @param census           every census position
 * @param byCategory       the census of each category ("sum", "sum harder", …), in prompt order
 */
public record ModelResult(String name, String family, List<String> stabilisers, int meanRecurrence, AccuracyCurves accuracy,
                          int censusIterations, int censusPrompts, Census census, Map<String, Census> byCategory) {
    public ModelResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(census, "census");
        stabilisers = List.copyOf(stabilisers);
        int[] rs = accuracy.recurrences();
        if (Arrays.binarySearch(rs, meanRecurrence) < 0) throw new IllegalArgumentException(name + ": r̄ = " + meanRecurrence + " is not among the r evaluated");
        if (censusIterations != rs[rs.length - 1]) throw new IllegalArgumentException(name + ": the census runs the largest r, " + rs[rs.length - 1]);
        if (censusPrompts < 1) throw new IllegalArgumentException(name + ": the census needs at least one prompt");
        byCategory = Collections.unmodifiableMap(new LinkedHashMap<>(byCategory));
        int sum = byCategory.values().stream().mapToInt(Census::positions).sum();
        if (sum != census.positions()) throw new IllegalArgumentException(name + ": the categories (" + sum + ") must add up to the census (" + census.positions() + ")");
    }

    /** The far end of the sweep, {@link ComparisonSettings#FAR}·r̄. */
    public int farRecurrence() {
        return censusIterations;
    }

    /** Mean accuracy over the suite's tasks, in-distribution, at an evaluated r. */
    public double inDistributionAt(int r) {
        return accuracy.meanInDistribution().get(accuracy.indexOf(r));
    }

    /** Mean accuracy over the suite's tasks on the harder range, at an evaluated r. */
    public double harderAt(int r) {
        return accuracy.meanHarder().get(accuracy.indexOf(r));
    }
}
