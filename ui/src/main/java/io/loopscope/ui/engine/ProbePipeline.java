package io.loopscope.ui.engine;

import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeSet;
import io.loopscope.analysis.probe.ProbeSettings;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Settings → questions → model → probe curve, off the UI thread, as {@code loopscope probe} does it
 * (the same {@link ProbeSet} and {@link io.loopscope.analysis.probe.Probe}). Plain Java, like
 * {@link RunPipeline}: the questions are read and checked before a model is loaded, so a bad file
 * costs no load.
 */
public final class ProbePipeline {
    private final ModelLoader loader;

    public ProbePipeline(ModelLoader loader) {
        this.loader = loader;
    }

    public ProbeResult run(ModelRef ref, ProbeSettings settings, RunPipeline.Progress progress, BooleanSupplier cancelled) throws Exception {
        progress.update("Reading the prompts…", -1);
        ProbeSet set = ProbeSet.of(settings);
        String loading = "Loading " + ref.displayName() + "…";
        progress.update(loading, -1);
        LoadedModel model = loader.load(ref, f -> progress.update(loading, f), cancelled);
        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
        int n = set.size(), layers = model.probeLayers(settings);
        long total = settings.work(n, layers);
        long[] done = {0};
        progress.update("Running " + n + " prompts × " + settings.iterations() + " iterations" + (layers > 0 ? " (reading " + layers
                + " loop layers)" : "") + "…", 0);
        ProbeCurve curve = model.probe(settings, set, units -> {
            done[0] += units;
            progress.update(done[0] <= n ? "Prompt " + done[0] + " of " + n + " × " + settings.iterations() + " iterations"
                    : "Fitting " + fit(settings, done[0] - n, layers), done[0] / (double) total);
        }, cancelled);
        return new ProbeResult(settings, n, model.name(), curve);
    }

    /** "the probe at iteration 3 of 0..16", then "the layer probes at iteration 2 of 1..16"; for the iteration probe "fold 2 of 5". */
    private static String fit(ProbeSettings s, long fitted, int layers) {
        if (s.label() == ProbeLabel.ITERATION) return "fold " + fitted + " of " + s.folds();
        if (fitted <= s.iterations() + 1L) return "the probe at iteration " + (fitted - 1) + " of 0.." + s.iterations();
        return "the layer probes at iteration " + (1 + (fitted - s.iterations() - 2) / Math.max(layers, 1)) + " of 1.." + s.iterations();
    }
}
