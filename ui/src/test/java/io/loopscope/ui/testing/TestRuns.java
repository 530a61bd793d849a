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
        return new RunResult(spec, model, trace, new AnalyticAnalysis(ids.length, iterations + 1), 1, 1);
    }
}
