package io.loopscope.analysis.probe;

import io.loopscope.inference.trace.TraceRequest;
import java.util.Objects;

/**
 * Everything a probe run is a function of, checked as the command line checks its options (the
 * workbench shows the same messages).
 *
 * @param source     the prompts
 * @param label      what is predicted
 * @param position   which running total or hop, counted from 1; null: the last before the answer
 * @param iterations R: states 0..R are probed
 * @param folds      cross-validation folds
 * @param seed       seeds the prompts, every s0, the folds and the control labels
 * @param layers     which loop layers are probed too, at every iteration 1..R (s_0 has none)
 */
public record ProbeSettings(ProbeSource source, ProbeLabel label, Integer position, int iterations, int folds, long seed, ProbeLayers layers) {

    public ProbeSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(layers, "layers");
        if (layers.any() && label == ProbeLabel.ITERATION) {
            throw new IllegalArgumentException("--layers fits a probe of the label at each layer; --label iteration is one probe over every"
                    + " iteration's block output: leave out --layers");
        }
        if (iterations < 0 || iterations > TraceRequest.DEFAULT_MAX_ITERATIONS) {
            throw new IllegalArgumentException("--iterations must be 0.." + TraceRequest.DEFAULT_MAX_ITERATIONS + ", got " + iterations);
        }
        if (source instanceof ProbeSource.TaskPrompts t && t.samples() < 2 * folds) {
            throw new IllegalArgumentException("--samples must be at least twice --folds (" + 2 * folds + "), got " + t.samples());
        }
        if (folds < 2) throw new IllegalArgumentException("--folds must be at least 2, got " + folds);
        if (position != null && position < 1) throw new IllegalArgumentException("--position counts from 1, got " + position);
        if (label == ProbeLabel.ITERATION && iterations < 1) throw new IllegalArgumentException("--label iteration needs --iterations of at least 1");
    }

    /** The block output alone. */
    public ProbeSettings(ProbeSource source, ProbeLabel label, Integer position, int iterations, int folds, long seed) {
        this(source, label, position, iterations, folds, seed, ProbeLayers.NONE);
    }

    /** The same settings probing these layers too. */
    public ProbeSettings withLayers(ProbeLayers l) {
        return new ProbeSettings(source, label, position, iterations, folds, seed, l);
    }

    /** How many units of work a probe on n prompts reports without layers: see {@link #work(int, int)}. */
    public long work(int prompts) {
        return work(prompts, 0);
    }

    /**
     * Units of work of a probe on n prompts that also reads this many loop layers: one per prompt run,
     * then one per fit (a fold, or an iteration), then one per (iteration 1..R, layer).
     */
    public long work(int prompts, int layersProbed) {
        return prompts + (label == ProbeLabel.ITERATION ? folds : iterations + 1L) + (long) iterations * layersProbed;
    }
}
