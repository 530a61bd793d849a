package io.loopscope.analysis.probe;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.tasks.ProbeStates;
import io.loopscope.inference.tokenizer.Tokenizer;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * A probe run as {@code loopscope probe} and the workbench's Probes view do it: the states of every
 * question at every iteration, then the fit — one probe per iteration against its control task, with
 * the lens's own accuracy beside it, or the iteration probe.
 */
public final class Probe {
    private Probe() {
    }

    /** As below on a loaded model folder, which needs a tokenizer to encode the prompts. */
    public static ProbeCurve run(ModelHandle handle, ProbeSettings settings, ProbeSet set, IntConsumer progress, BooleanSupplier cancelled) {
        Tokenizer tokenizer = handle.tokenizer().orElseThrow(() -> new IllegalArgumentException(
                "model " + handle.directory() + " has no tokenizer.json; probe needs one to encode its prompts"));
        return run(handle.model(), tokenizer, settings, set, progress, cancelled);
    }

    /**
     * @param progress  told each unit of work done, {@link ProbeSettings#work(int, int)} in all (with the layers of
     *                  {@link #layers})
     * @param cancelled polled once per prompt; a cancel throws CancellationException
     * @throws IllegalArgumentException before any prompt runs, for layers the model's loop does not have
     */
    public static ProbeCurve run(LoopedModel model, Tokenizer tokenizer, ProbeSettings settings, ProbeSet set, IntConsumer progress,
                                 BooleanSupplier cancelled) {
        ProbeStates.Collected states = ProbeStates.collect(model, tokenizer, set.questions(), settings.iterations(), settings.seed(),
                layers(model, settings), progress, cancelled);
        return fit(settings, set, states, progress);
    }

    /** The loop layers settings asks model to probe (see {@link ProbeLayers#resolve}). */
    public static int[] layers(LoopedModel model, ProbeSettings settings) {
        return settings.layers().resolve(model.loopLayers(), "the " + model.family() + " model");
    }

    /** The curve of states already collected, with a probe per (iteration, layer) when they hold layers. */
    public static ProbeCurve fit(ProbeSettings settings, ProbeSet set, ProbeStates.Collected states, IntConsumer progress) {
        if (settings.label() == ProbeLabel.ITERATION) return LinearProbe.fitIteration(states.features(), settings.folds(), settings.seed(), progress);
        double[] lens = new double[settings.iterations() + 1];
        for (int i = 0; i <= settings.iterations(); i++) lens[i] = states.lensAccuracy(i);
        ProbeCurve curve = LinearProbe.fit(settings.label().id(), states.features(), set.labels(), set.classes().size(), settings.folds(),
                settings.seed(), lens, progress);
        if (states.layerFeatures() == null) return curve;
        return curve.withLayers(LinearProbe.fitLayers(states.layerFeatures(), states.layers(), set.labels(), set.classes().size(),
                settings.folds(), settings.seed(), progress));
    }
}
