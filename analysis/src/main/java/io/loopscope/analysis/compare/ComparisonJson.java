package io.loopscope.analysis.compare;

import io.loopscope.analysis.motif.Motif;
import io.loopscope.analysis.report.ReportJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a comparison, field names spelled out here:
 * {"settings": {…}, "models": [{"name", "family", "stabilisers", "mean_recurrence", "accuracy": {…},
 * "census": {…}, "census_by_category": {CATEGORY: {…}}}]}.
 */
public final class ComparisonJson {

    private ComparisonJson() {
    }

    public static String of(Comparison c) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("samples", c.settings().samples());
        settings.put("census_samples", c.settings().censusSamples());
        settings.put("census_seed", ComparisonSettings.CENSUS_SEED);
        settings.put("exit", Map.of("criterion", ComparisonSettings.EXIT.id(), "threshold", ComparisonSettings.EXIT_THRESHOLD));
        root.put("settings", settings);
        root.put("models", c.models().stream().map(ComparisonJson::model).toList());
        try {
            return ReportJson.JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> model(ModelResult m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("family", m.family());
        out.put("stabilisers", m.stabilisers());
        out.put("mean_recurrence", m.meanRecurrence());
        out.put("accuracy", accuracy(m.accuracy()));
        out.put("census_iterations", m.censusIterations());
        out.put("census_prompts", m.censusPrompts());
        out.put("census", census(m.census()));
        Map<String, Object> categories = new LinkedHashMap<>();
        m.byCategory().forEach((name, census) -> categories.put(name, census(census)));
        out.put("census_by_category", categories);
        return out;
    }

    /** {"recurrences": [...], "samples", "mean": {"in_distribution": {"1": acc, …}, "harder": …}, "tasks": {TASK: {…}}} */
    private static Map<String, Object> accuracy(AccuracyCurves a) {
        int[] rs = a.recurrences();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recurrences", rs);
        out.put("samples", a.samples());
        out.put("mean", ranges(rs, a.meanInDistribution(), a.meanHarder()));
        Map<String, Object> tasks = new LinkedHashMap<>();
        a.inDistribution().forEach((task, in) -> tasks.put(task, ranges(rs, in, a.harder().get(task))));
        out.put("tasks", tasks);
        return out;
    }

    private static Map<String, Object> ranges(int[] rs, List<Double> in, List<Double> harder) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("in_distribution", byR(rs, in));
        out.put("harder", byR(rs, harder));
        return out;
    }

    private static Map<String, Double> byR(int[] rs, List<Double> acc) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < rs.length; i++) out.put(Integer.toString(rs[i]), acc.get(i));
        return out;
    }

    /** {"positions", "motifs": {MOTIF: n}, "contraction_ratio": {"fixed_points", "q1", "median", "q3"} | null, "exit": {…}} */
    static Map<String, Object> census(Census c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("positions", c.positions());
        Map<String, Integer> motifs = new LinkedHashMap<>();
        for (Motif m : Motif.values()) motifs.put(m.id(), c.counts().get(m));
        out.put("motifs", motifs);
        Quartiles q = c.contraction();
        if (q == null) {
            out.put("contraction_ratio", null);
        } else {
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("fixed_points", q.n());
            ratio.put("q1", q.q1());
            ratio.put("median", q.median());
            ratio.put("q3", q.q3());
            out.put("contraction_ratio", ratio);
        }
        Map<String, Object> exit = new LinkedHashMap<>();
        exit.put("positions", c.exits().tokens());
        exit.put("never", c.exits().never());
        exit.put("never_share", c.neverShare());
        exit.put("mean", c.exits().mean());
        exit.put("median", c.exits().median());
        Map<String, Integer> histogram = new LinkedHashMap<>();
        c.exits().counts().forEach((step, n) -> histogram.put(Integer.toString(step), n));
        exit.put("histogram", histogram);
        out.put("exit", exit);
        return out;
    }
}
