package io.loopscope.analysis.convergence;

import io.loopscope.analysis.TraceData;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Exit-step distributions over tokens, and over many traces grouped by their meta label (the paper's per-category histograms). */
public final class ExitStatistics {
    /** The group of traces without a label. */
    public static final String UNLABELLED = "(no label)";

    private ExitStatistics() {
    }

    /** Per criterion, the distribution over this trace's tokens (unavailable criteria are left out). */
    public static Map<ExitCriterion, ExitDistribution> overTokens(Map<ExitCriterion, CriterionSteps> steps) {
        Map<ExitCriterion, ExitDistribution> out = new EnumMap<>(ExitCriterion.class);
        steps.forEach((c, s) -> {
            if (s.available()) out.put(c, ExitDistribution.of(s.steps()));
        });
        return out;
    }

    /** label → criterion → distribution over all tokens of all traces with that label (labels sorted). */
    public static Map<String, Map<ExitCriterion, ExitDistribution>> byLabel(List<TraceData> traces, ExitThresholds thresholds) {
        Map<String, Map<ExitCriterion, List<Integer>>> pooled = new TreeMap<>();
        for (TraceData trace : traces) {
            String label = trace.label() == null ? UNLABELLED : trace.label();
            Map<ExitCriterion, List<Integer>> group = pooled.computeIfAbsent(label, k -> new EnumMap<>(ExitCriterion.class));
            ExitSteps.compute(trace, thresholds).forEach((c, s) -> {
                if (s.available()) group.computeIfAbsent(c, k -> new ArrayList<>()).addAll(s.steps());
            });
        }
        Map<String, Map<ExitCriterion, ExitDistribution>> out = new LinkedHashMap<>();
        pooled.forEach((label, group) -> {
            Map<ExitCriterion, ExitDistribution> d = new EnumMap<>(ExitCriterion.class);
            group.forEach((c, steps) -> d.put(c, ExitDistribution.of(steps)));
            out.put(label, d);
        });
        return out;
    }
}
