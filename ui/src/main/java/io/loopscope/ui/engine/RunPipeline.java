package io.loopscope.ui.engine;

import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.StopRule;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Prompt → model → trace → analysis, off the UI thread. Plain Java (no JavaFX) so the benchmark and
 * tests can call it directly; the UI runs it on its executor's run lane. A spec with Generate
 * settings generates instead of running one pass; the result is analysed the same way.
 */
public final class RunPipeline {

    /** Where the pipeline reports how far it is (on the worker thread). */
    public interface Progress {
        void update(String message, double fraction);

        /** A generation's prompt as its chips read, before its first token. */
        default void prompt(List<String> tokens) {
        }

        /** A generated token, as soon as it is chosen. */
        default void token(StreamedToken token) {
        }
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
        String loading = "Loading " + spec.model().displayName() + "…";
        progress.update(loading, -1);
        LoadedModel model = loader.load(spec.model(), f -> progress.update(loading, f), cancelled);
        check(cancelled);
        long[] ids = model.encode(spec.prompt());
        List<String> tokens = model.tokenStrings(ids);
        long t0 = System.nanoTime();
        Trace trace = spec.generates() ? generate(spec, model, ids, tokens, progress, cancelled) : trace(spec, model, ids, tokens, progress, cancelled);
        long t1 = System.nanoTime();
        check(cancelled);
        progress.update("Analysing " + trace.tokenCount() + " trajectories…", 0.92);
        RunAnalysis analysis = analyzer.analyze(trace);
        long t2 = System.nanoTime();
        progress.update("Done", 1);
        return new RunResult(spec, model, trace, analysis, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }

    private static Trace trace(RunSpec spec, LoadedModel model, long[] ids, List<String> tokens, Progress progress, BooleanSupplier cancelled) {
        // both lenses always; the layers when asked (ranks of chosen tokens are read afterwards, from the states)
        TraceRequest request = new TraceRequest(ids, spec.iterations(), spec.stateInit(), spec.topK(), false,
                ExitThresholds.defaults(), TraceRequest.DEFAULT_MAX_ITERATIONS, null, true, spec.layers());
        int total = spec.iterations() + 1;
        progress.update("Running " + tokens.size() + " tokens × " + spec.iterations() + " iterations" + (spec.layers() ? " (recording every layer)" : "") + "…", 0);
        // the model run is ~90% of the bar; the analysis the rest
        return model.trace(request, tokens,
                step -> progress.update("Iteration " + step + " of " + spec.iterations(), 0.9 * (step + 1) / total), cancelled);
    }

    private static Trace generate(RunSpec spec, LoadedModel model, long[] ids, List<String> tokens, Progress progress,
                                  BooleanSupplier cancelled) {
        GenerateSettings g = spec.generate();
        for (String stop : g.stops()) requireWritable(model, stop);
        GenerationRequest request = g.request(ids, spec.iterations(), spec.stateInit(), spec.topK(),
                new StopRule(model.endTokenIds(), g.stops(), model::decode));
        int r = spec.iterations(), promptLength = ids.length;
        // the bar counts iterations against the fixed-R budget; an early exit skips the rest of its share
        double budget = (double) r * request.maxPositions();
        progress.prompt(tokens);
        progress.update("Reading the prompt: " + tokens.size() + " tokens × " + r + " iterations…", 0);
        GenerationListener listener = new GenerationListener() {
            private long done;

            @Override
            public void onStep(int position, int step) {
                done++;
                String what = position < promptLength ? "Reading the prompt" : "Token " + (position - promptLength + 2) + " of at most " + g.maxNewTokens();
                progress.update(what + ": iteration " + step + " of " + r, 0.9 * done / budget);
            }

            @Override
            public void onToken(int index, long id, int position, int steps) {
                done = Math.max(done, (long) r * (position + 1));
                progress.token(new StreamedToken(index, id, model.tokenString(id), position, steps));
            }
        };
        return model.generate(request, listener, cancelled);
    }

    /** A stop string must be text the model can write, or it would silently never stop anything. */
    private static void requireWritable(LoadedModel model, String stop) {
        if (!model.hasTokenizer()) {
            throw new IllegalArgumentException("this model has no tokenizer, so a stop string cannot be matched; stop by the number of new tokens");
        }
        try {
            model.encode(stop);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the stop string \"" + stop + "\" can never be generated: " + e.getMessage(), e);
        }
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
    }
}
