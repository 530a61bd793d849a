package io.loopscope.ui.demo;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.PairComparison;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A demo's runs: A (its prompt and settings), and B when the demo compares (a second seed, or another
 * iteration count), with their path-independence comparison and B in A's PCA frame (null when it has
 * none), so B's figures share A's axes as the workbench's Compare view does. Plain Java: the workbench
 * runs the same specs through its run coordinator, the test and {@code loopscope demo} through {@link #run}.
 */
public record DemoRuns(RunResult a, RunResult b, PairComparison comparison, RunResult bInFrameOfA) {

    public DemoRuns(RunResult a, RunResult b, PairComparison comparison) {
        this(a, b, comparison, null);
    }

    /** The model a demo names ("embedded" or a folder), unless the caller substitutes one (tests on the fixture). */
    public static ModelRef model(Demo d, ModelRef override) {
        if (override != null) return override;
        return Demo.EMBEDDED.equals(d.model()) ? ModelRef.embeddedModel() : ModelRef.folder(Path.of(d.model()));
    }

    public static RunSpec specA(Demo d, ModelRef model) {
        Demo.Settings s = d.settings();
        return new RunSpec(model, d.prompt(), s.iterations(), init(s), s.seeds().getFirst(), 5, s.generate());
    }

    /** Run B's spec, or null when the demo has none. */
    public static RunSpec specB(Demo d, ModelRef model) {
        Demo.Settings s = d.settings();
        if (!s.hasRunB()) return null;
        long seed = s.seeds().size() > 1 ? s.seeds().get(1) : s.seeds().getFirst();
        int r = s.compareIterations() > 0 ? s.compareIterations() : s.iterations();
        return new RunSpec(model, d.prompt(), r, init(s), seed, 5);
    }

    public static ExitCriterion criterion(Demo d) {
        return ExitCriterion.byId(d.settings().criterion());
    }

    public static double threshold(Demo d) {
        double t = d.settings().threshold();
        return Double.isNaN(t) ? criterion(d).defaultThreshold() : t;
    }

    private static RunSpec.InitMode init(Demo.Settings s) {
        return "zeros".equals(s.init()) ? RunSpec.InitMode.ZEROS : RunSpec.InitMode.RANDOM;
    }

    /** Runs the demo's runs (and compares them) through the pipeline. */
    public static DemoRuns run(Demo d, RunPipeline pipeline, ModelRef modelOverride, RunPipeline.Progress progress, BooleanSupplier cancelled)
            throws Exception {
        ModelRef m = model(d, modelOverride);
        RunResult a = pipeline.run(specA(d, m), progress, cancelled);
        d.requireTokensWithin(a.tokens());
        RunSpec sb = specB(d, m);
        if (sb == null) return new DemoRuns(a, null, null);
        RunResult b = pipeline.run(sb, progress, cancelled);
        RunAnalysis projected = pipeline.analyzer().inFrameOf(a.analysis(), b.analysis());
        RunResult bInA = projected == null ? null : b.withAnalysis(projected);
        return new DemoRuns(a, b, pipeline.analyzer().compare(a.trace(), b.trace()), bInA);
    }
}
