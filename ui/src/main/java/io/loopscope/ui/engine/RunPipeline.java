package io.loopscope.ui.engine;

import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Prompt → model → trace → analysis, off the UI thread. Plain Java (no JavaFX) so the benchmark and
 * tests can call it directly; the UI wraps it in a javafx.concurrent.Task.
 */
public final class RunPipeline {

    /** Where the pipeline reports how far it is. */
    public interface Progress {
        void update(String message, double fraction);
    }

    private final ModelLoader loader;
    private final Analyzer analyzer;

    public RunPipeline(ModelLoader loader, Analyzer analyzer) {
        this.loader = loader;
        this.analyzer = analyzer;
    }

    public ModelLoader loader() {
        return loader;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    public RunResult run(RunSpec spec, Progress progress, BooleanSupplier cancelled) throws Exception {
        progress.update("Loading " + spec.model().displayName() + "…", -1);
        LoadedModel model = loader.load(spec.model());
        check(cancelled);
        long[] ids = model.encode(spec.prompt());
        List<String> tokens = model.tokenStrings(ids);
        TraceRequest request = new TraceRequest(ids, spec.iterations(), spec.stateInit(), spec.topK(), false,
                ExitThresholds.defaults(), TraceRequest.DEFAULT_MAX_ITERATIONS, null);
        int total = spec.iterations() + 1;
        progress.update("Running " + tokens.size() + " tokens × " + spec.iterations() + " iterations…", 0);
        long t0 = System.nanoTime();
        // the model run is ~90% of the bar; the analysis the rest
        Trace trace = model.trace(request, tokens,
                step -> progress.update("Iteration " + step + " of " + spec.iterations(), 0.9 * (step + 1) / total), cancelled);
        long t1 = System.nanoTime();
        check(cancelled);
        progress.update("Analysing " + tokens.size() + " trajectories…", 0.92);
        RunAnalysis analysis = analyzer.analyze(trace);
        long t2 = System.nanoTime();
        progress.update("Done", 1);
        return new RunResult(spec, model, trace, analysis, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
    }
}
