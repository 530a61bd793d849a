package io.loopscope.ui.testing;

import io.loopscope.inference.trace.Trace;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec;
import java.util.List;

/** Finished runs of the fake model with the analytic analysis, without a window or a pipeline. */
public final class TestRuns {
    private TestRuns() {
    }

    public static RunResult synthetic(String prompt, int iterations) {
        FakeModel model = new FakeModel(0);
        long[] ids = model.encode(prompt);
        List<String> tokens = model.tokenStrings(ids);
        Trace trace = SyntheticTrace.make(ids, tokens, iterations, 8, 5, 0, model.name());
        RunSpec spec = new RunSpec(FakeServices.embedded(), prompt, iterations, RunSpec.InitMode.RANDOM, 0, 5);
        return new RunResult(spec, model, trace, new AnalyticAnalysis(trace), 1, 1);
    }

    /** A generation of the fake model (greedy, exit kl, n new tokens) through the real pipeline, with the analytic analysis. */
    public static RunResult generated(String prompt, int iterations, int newTokens) {
        var settings = new io.loopscope.ui.engine.GenerateSettings(newTokens, io.loopscope.inference.exit.ExitCriterion.KL, 5e-4,
                io.loopscope.inference.model.KvSharing.LATEST, false, io.loopscope.inference.generate.Sampling.GREEDY, List.of());
        RunSpec spec = new RunSpec(FakeServices.embedded(), prompt, iterations, RunSpec.InitMode.RANDOM, 0, 5, settings);
        try {
            return new io.loopscope.ui.engine.RunPipeline(ref -> new FakeModel(0), FakeServices.analyzer()).run(spec, (m, f) -> { }, () -> false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The workbench's run pipeline on the embedded model, as the app builds it. */
    public static io.loopscope.ui.engine.RunPipeline embeddedPipeline() {
        return new io.loopscope.ui.engine.RunPipeline(new io.loopscope.ui.engine.HuginnModelLoader(() -> {
            try {
                return io.loopscope.inference.EmbeddedModel.directory();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test"), new io.loopscope.ui.engine.AnalysisAdapter());
    }
}
