package io.loopscope.analysis.paths;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Path independence over a mixed set of traces: runs are grouped by prompt (identical token ids and
 * width), and every group of two or more runs is compared with {@link PathIndependence}. Traces
 * without recorded ids are never grouped — two prompts of equal length would otherwise be compared
 * as if they were one.
 */
public final class PromptGroups {
    private PromptGroups() {
    }

    /**
     * @param space the space to compare in, or null for normalized when every run of a group has ln_f_weight, else raw
     * @return one comparison per prompt that has at least two runs, in order of first appearance
     */
    public static List<PromptComparison> compare(List<TraceData> traces, StateSpace space, double tolerance) {
        Map<String, List<TraceData>> groups = new LinkedHashMap<>();
        for (TraceData t : traces) {
            if (t.hasIds()) groups.computeIfAbsent(Arrays.toString(t.ids()) + "/H" + t.hidden(), k -> new ArrayList<>()).add(t);
        }
        List<PromptComparison> out = new ArrayList<>();
        for (List<TraceData> runs : groups.values()) if (runs.size() >= 2) out.add(compareGroup(runs, space, tolerance));
        return out;
    }

    /** Traces that could not take part because they record no ids. */
    public static List<String> withoutIds(List<TraceData> traces) {
        return traces.stream().filter(t -> !t.hasIds()).map(TraceData::source).toList();
    }

    /** A last relative step above this means the run had not settled: a "different" verdict may be premature. */
    static final double STILL_MOVING = 0.01;

    private static boolean stillMoving(List<TraceData> runs, int token, StateSpace space) {
        for (TraceData r : runs) {
            double[] a = r.state(r.iterations() - 1, token, space), b = r.state(r.iterations(), token, space);
            double diff = 0, norm = 0;
            for (int j = 0; j < a.length; j++) {
                diff += (b[j] - a[j]) * (b[j] - a[j]);
                norm += b[j] * b[j];
            }
            if (diff > STILL_MOVING * STILL_MOVING * norm) return true;
        }
        return false;
    }

    private static PromptComparison compareGroup(List<TraceData> runs, StateSpace requested, double tolerance) {
        TraceData first = runs.getFirst();
        StateSpace space = requested != null ? requested
                : runs.stream().allMatch(TraceData::canNormalize) ? StateSpace.NORMALIZED : StateSpace.RAW;
        List<String> sources = runs.stream().map(TraceData::source).toList();
        List<String> notes = new ArrayList<>();
        if (runs.stream().mapToInt(TraceData::iterations).distinct().count() > 1) {
            notes.add("runs differ in R (" + runs.stream().map(r -> String.valueOf(r.iterations())).reduce((a, b) -> a + ", " + b).orElse("")
                    + "): attractors are compared on each run's own last quarter");
        }
        try {
            if (space == StateSpace.NORMALIZED) {
                for (TraceData r : runs) {
                    if (!r.canNormalize()) throw new IllegalArgumentException(r.source() + " has no ln_f_weight, so it cannot be compared in normalized space");
                }
            }
            List<TokenAttractor> result = PathIndependence.compare(runs, space, tolerance);
            if (result.stream().allMatch(a -> a.initialSpread() == 0)) {
                notes.add("every run starts from the same s0 (same seed or init?), so agreement says nothing about path independence");
            }
            List<Integer> moving = new ArrayList<>();
            for (TokenAttractor a : result) if (!a.sameAttractor() && stillMoving(runs, a.token(), space)) moving.add(a.token());
            if (!moving.isEmpty()) {
                notes.add("tokens " + moving + " end apart but are still moving at the last step (relative step ≥ " + STILL_MOVING
                        + ") in some run: they may be heading for one attractor not reached yet; a larger R tells");
            }
            return new PromptComparison(first.ids(), first.tokenStrings(), sources, space, tolerance, result, null, notes);
        } catch (IllegalArgumentException e) {
            return new PromptComparison(first.ids(), first.tokenStrings(), sources, space, tolerance, List.of(), e.getMessage(), notes);
        }
    }
}
