package io.loopscope.analysis.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loopscope.analysis.NonFiniteStates;
import io.loopscope.analysis.convergence.CriterionSteps;
import io.loopscope.analysis.convergence.ExitDistribution;
import io.loopscope.analysis.convergence.ExitStatistics;
import io.loopscope.analysis.convergence.TokenConvergence;
import io.loopscope.analysis.paths.PromptComparison;
import io.loopscope.analysis.paths.TokenAttractor;
import io.loopscope.analysis.motif.MotifResult;
import io.loopscope.inference.exit.ExitCriterion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of analysis results, built as plain maps so the field names are explicit here:
 * {"tokens": [{"index", "token", "motif", "evidence", "description", "exit_steps"}], "pca": {...}, ...}.
 */
public final class ReportJson {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static Map<String, Object> trace(TraceReport r, List<NonFiniteStates> nonFinite) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", r.source());
        out.put("label", r.label());
        out.put("space", r.space().id());
        out.put("iterations", r.iterations());
        out.put("hidden", r.hidden());
        out.put("reference", r.reference());
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (int t = 0; t < r.tokens().size(); t++) {
            MotifResult m = r.motifs().get(t);
            Map<String, Object> tok = new LinkedHashMap<>();
            tok.put("index", t);
            tok.put("token", r.tokens().get(t));
            tok.put("motif", m.motif().id());
            tok.put("evidence", m.evidence().summary());
            tok.put("description", m.describe());
            if (m.features() != null) tok.put("features", m.features().summary());
            Map<String, Object> exits = new LinkedHashMap<>();
            for (CriterionSteps s : r.exitSteps().values()) exits.put(s.criterion().id(), s.available() ? s.steps().get(t) : null);
            tok.put("exit_steps", exits);
            if (r.generation() != null) {
                tok.put("generated", t >= r.generation().settings().promptLength());
                tok.put("ran_steps", r.generation().stepsAt(t));
            }
            TokenConvergence c = r.convergence().get(t);
            tok.put("final_distance", finite(c.finalDistance()));
            tok.put("relative_final_distance", finite(c.relativeFinalDistance()));
            if (r.reference() != null) tok.put("distance_to_reference", finite(c.distanceToEnd()));
            final int token = t;
            nonFinite.stream().filter(b -> b.token() == token).findFirst().ifPresent(b -> tok.put("non_finite_steps", b.steps()));
            tokens.add(tok);
        }
        out.put("tokens", tokens);
        Map<String, Object> pca = new LinkedHashMap<>();
        if (r.pca() != null) {
            pca.put("explained_variance", r.pca().explainedVarianceRatio());
            pca.put("component_variance", r.pca().explainedVariance());
            pca.put("total_variance", r.pca().totalVariance());
            pca.put("method", r.pca().method());
            pca.put("fitted_states", r.pca().fittedStates());
        } else {
            pca.put("unavailable", r.pcaUnavailable());
        }
        out.put("pca", pca);
        Map<String, Object> thresholds = new LinkedHashMap<>(), unavailable = new LinkedHashMap<>();
        for (CriterionSteps s : r.exitSteps().values()) {
            thresholds.put(s.criterion().id(), s.threshold());
            if (!s.available()) unavailable.put(s.criterion().id(), s.unavailable());
        }
        out.put("exit_thresholds", thresholds);
        out.put("exit_distributions", distributions(ExitStatistics.overTokens(r.exitSteps())));
        out.put("unavailable", unavailable);
        out.put("notes", r.notes());
        return out;
    }

    /** {"path_independence": [...]}'s value: one entry per prompt with two or more runs. */
    public static List<Map<String, Object>> pathIndependence(List<PromptComparison> comparisons) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PromptComparison c : comparisons) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ids", c.ids());
            m.put("traces", c.sources());
            m.put("space", c.space().id());
            m.put("tolerance", c.tolerance());
            if (c.unavailable() != null) {
                m.put("unavailable", c.unavailable());
            } else {
                m.put("same_attractor", c.sameCount());
                m.put("token_count", c.attractors().size());
                List<Map<String, Object>> tokens = new ArrayList<>();
                for (TokenAttractor a : c.attractors()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("index", a.token());
                    t.put("token", c.tokens().get(a.token()));
                    t.put("same_attractor", a.sameAttractor());
                    t.put("initial_spread", finite(a.initialSpread()));
                    t.put("final_spread", finite(a.finalSpread()));
                    t.put("set_distance", finite(a.setDistance()));
                    t.put("scale", finite(a.scale()));
                    t.put("relative_set_distance", finite(a.relativeSetDistance()));
                    tokens.add(t);
                }
                m.put("tokens", tokens);
            }
            m.put("notes", c.notes());
            out.add(m);
        }
        return out;
    }

    /** JSON has no NaN or Infinity: such values become null. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Double[] finite(double[] v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = finite(v[i]);
        return out;
    }

    public static Map<String, Object> distributions(Map<ExitCriterion, ExitDistribution> byCriterion) {
        Map<String, Object> out = new LinkedHashMap<>();
        byCriterion.forEach((c, d) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tokens", d.tokens());
            m.put("never", d.never());
            Map<String, Integer> counts = new LinkedHashMap<>();
            d.counts().forEach((step, n) -> counts.put(String.valueOf(step), n));
            m.put("counts", counts);
            m.put("mean", d.mean());
            m.put("median", d.median());
            out.put(c.id(), m);
        });
        return out;
    }
}
