package io.loopscope.inference.exit;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A threshold for every exit criterion: the defaults, with some overridden. */
public record ExitThresholds(Map<ExitCriterion, Double> values) {

    public ExitThresholds {
        EnumMap<ExitCriterion, Double> all = new EnumMap<>(ExitCriterion.class);
        for (ExitCriterion c : ExitCriterion.values()) all.put(c, c.defaultThreshold());
        for (Map.Entry<ExitCriterion, Double> e : values.entrySet()) {
            all.put(e.getKey(), e.getKey().requireValid(e.getValue()));
        }
        values = java.util.Collections.unmodifiableMap(all);
    }

    public static ExitThresholds defaults() {
        return new ExitThresholds(Map.of());
    }

    /** Overrides by criterion id (null or empty → defaults), as picocli hands over --exit-thresholds kl=1e-4,latent-diff=0.05. */
    public static ExitThresholds of(Map<String, Double> byId) {
        Map<ExitCriterion, Double> overrides = new EnumMap<>(ExitCriterion.class);
        if (byId != null) byId.forEach((id, v) -> overrides.put(ExitCriterion.byId(id), v));
        return new ExitThresholds(overrides);
    }

    /** Parses "kl=1e-4,latent-diff=0.05" (empty → defaults). */
    public static ExitThresholds parse(String spec) {
        Map<ExitCriterion, Double> overrides = new EnumMap<>(ExitCriterion.class);
        if (spec != null && !spec.isBlank()) {
            for (String part : spec.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) throw new IllegalArgumentException("expected CRITERION=VALUE, got '" + part.trim() + "'");
                try {
                    overrides.put(ExitCriterion.byId(kv[0]), Double.parseDouble(kv[1].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("threshold of " + kv[0].trim() + " is not a number: '" + kv[1].trim() + "'");
                }
            }
        }
        return new ExitThresholds(overrides);
    }

    public double of(ExitCriterion criterion) {
        return values.get(criterion);
    }

    /** Criterion id → threshold, for run descriptions. */
    public Map<String, Double> byId() {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((c, v) -> out.put(c.id(), v));
        return out;
    }
}
