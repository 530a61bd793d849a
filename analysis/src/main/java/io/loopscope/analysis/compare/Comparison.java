package io.loopscope.analysis.compare;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Models side by side on the same suite and census.
 *
 * @param settings how much each model ran
 * @param models   one result per model, in the order asked for
 */
public record Comparison(ComparisonSettings settings, List<ModelResult> models) {
    public Comparison {
        Objects.requireNonNull(settings, "settings");
        models = List.copyOf(models);
        if (models.isEmpty()) throw new IllegalArgumentException("a comparison needs at least one model");
        if (new HashSet<>(models.stream().map(ModelResult::name).toList()).size() != models.size()) {
            throw new IllegalArgumentException("a comparison names each model once, got " + models.stream().map(ModelResult::name).toList());
        }
    }
}
