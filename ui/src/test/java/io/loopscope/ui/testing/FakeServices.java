package io.loopscope.ui.testing;

import io.loopscope.inference.trace.Trace;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.engine.Analyzer;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.LoadedModel;
import io.loopscope.ui.engine.ModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.PairComparison;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;

/**
 * Services for view tests: the embedded model is a {@link FakeModel} (slow when asked), folders go
 * to the real loader (so a bad folder gives the real error), and the analysis is analytic.
 */
public final class FakeServices {
    private FakeServices() {
    }

    public static AppServices create(long millisPerStep) {
        LoadedModel fake = new FakeModel(millisPerStep);
        ModelLoader real = new HuginnModelLoader(() -> null, "test");
        ModelLoader loader = ref -> ref.embedded() ? fake : real.load(ref);
        return new AppServices(new RunPipeline(loader, analyzer()), Settings.inMemory(), "test");
    }

    public static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            public RunAnalysis analyze(Trace trace) {
                return new AnalyticAnalysis(trace);
            }

            @Override
            public PairComparison compare(Trace a, Trace b) {
                int n = Math.min(a.tokenCount(), b.tokenCount());
                return new PairComparison() {
                    @Override public int tokens() { return n; }
                    @Override public double finalDistance(int token) { return token % 3 == 0 ? 1e-4 : 0.8; }
                    @Override public boolean sameAttractor(int token) { return token % 3 == 0; }
                    @Override public String summary() { return (n + 2) / 3 + " of " + n + " tokens reach the same attractor from both starts."; }
                };
            }
        };
    }

    public static ModelRef embedded() {
        return ModelRef.embeddedModel();
    }
}
