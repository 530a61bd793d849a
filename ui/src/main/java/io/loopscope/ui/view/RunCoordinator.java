package io.loopscope.ui.view;

import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.PairComparison;
import io.loopscope.ui.engine.ProbePipeline;
import io.loopscope.ui.engine.ProbeResult;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.engine.StreamedToken;
import io.loopscope.ui.vm.LiveGeneration;
import io.loopscope.ui.vm.ProbesViewModel;
import io.loopscope.ui.task.BackgroundTask;
import io.loopscope.ui.task.TaskExecutor.Lane;
import io.loopscope.ui.task.TaskHandle;
import java.util.List;

/**
 * Starts runs on the executor's run lane — the UI thread never waits for a model — and feeds their
 * progress, results and failures back into the view models on the FX thread. One lane: two runs at
 * once would only compete for the same two cores. A generation's tokens are handed to the token
 * strip as they are chosen, each in its own FX-thread turn.
 */
public final class RunCoordinator {
    private final WorkbenchContext ctx;
    private final ProbePipeline probes;
    private TaskHandle current;

    RunCoordinator(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.probes = new ProbePipeline(ctx.services().pipeline().loader());
    }

    /** The Run button: validates the run bar, then runs prompt → trace → analysis. */
    public void run() {
        run(null);
    }

    /** As {@link #run()}, then calls after with the result on the FX thread (demo tours wait for their run). */
    public void run(java.util.function.Consumer<RunResult> after) {
        if (ctx.run().runningProperty().get()) return;
        RunSpec spec;
        try {
            spec = ctx.run().toSpec();
        } catch (IllegalArgumentException e) {
            ErrorDialog.show(ctx.window(), "Cannot run", e);
            return;
        }
        LiveGeneration live = ctx.workbench().live();
        ctx.run().started(spec);
        if (spec.generates()) live.start(spec);
        current = ctx.tasks().execute(Lane.RUN, BackgroundTask.<RunResult>of(p -> ctx.services().pipeline().run(spec, new RunPipeline.Progress() {
                    @Override
                    public void update(String m, double f) {
                        p.update(m, f);
                    }

                    // tokens are few and each is news: one FX turn each (progress, by contrast, is coalesced);
                    // FIFO order puts them all before the result, and after a cancel none lands
                    @Override
                    public void prompt(List<String> tokens) {
                        p.onUiThread(() -> live.prompt(tokens));
                    }

                    @Override
                    public void token(StreamedToken t) {
                        p.onUiThread(() -> live.token(t));
                    }
                }, p::isCancelled))
                .onProgress((m, f) -> ctx.run().progressed(m, f))
                .onSuccess(r -> {
                    ctx.run().finished(r);
                    ctx.workbench().resultProperty().set(r);
                    live.stop(); // after the result is in: the strip goes from the stream straight to the analysed run
                    if (after != null) after.accept(r);
                })
                .onCancelled(() -> {
                    live.stop();
                    ctx.run().cancelled();
                })
                .onFailure(t -> {
                    live.stop();
                    ctx.run().failed(ErrorDialog.message(t));
                    ErrorDialog.show(ctx.window(), "The run failed", t);
                }));
    }

    /** The Cancel button: the engine polls for it once per iteration. */
    public void cancel() {
        TaskHandle t = current;
        if (t != null && t.isActive()) t.cancel();
    }

    /** Compare's "Run B": the same prompt with B's settings, then path independence against A. */
    public void runCompare() {
        runCompare(null);
    }

    /** As {@link #runCompare()}, then runs after on the FX thread once B is shown. */
    public void runCompare(Runnable after) {
        var cmp = ctx.compare();
        RunResult a = ctx.workbench().result();
        RunSpec spec;
        try {
            spec = cmp.specB();
        } catch (IllegalArgumentException e) {
            ErrorDialog.show(ctx.window(), "Cannot compare", e);
            return;
        }
        record Both(RunResult b, PairComparison c, io.loopscope.ui.engine.RunAnalysis bInA) {
        }
        cmp.runningProperty().set(true);
        ctx.run().runningProperty().set(true);
        current = ctx.tasks().execute(Lane.RUN, BackgroundTask.<Both>of(p -> {
                    RunResult b = ctx.services().pipeline().run(spec, (m, f) -> p.update("Run B: " + m, f), p::isCancelled);
                    var analyzer = ctx.services().pipeline().analyzer();
                    return new Both(b, analyzer.compare(a.trace(), b.trace()), analyzer.inFrameOf(a.analysis(), b.analysis()));
                })
                .onProgress((m, f) -> ctx.run().progressed(m, f))
                .onSuccess(both -> {
                    ctx.run().runningProperty().set(false);
                    ctx.run().progressed("Run B done: " + spec.shortLabel(), 0);
                    cmp.finished(both.b(), both.c(), both.bInA());
                    if (after != null) after.run();
                })
                .onCancelled(() -> {
                    cmp.runningProperty().set(false);
                    ctx.run().cancelled();
                })
                .onFailure(t -> {
                    cmp.runningProperty().set(false);
                    ctx.run().failed(ErrorDialog.message(t));
                    ErrorDialog.show(ctx.window(), "Run B failed", t);
                }));
    }

    /** The Probes view's "Run probe": its settings on the run bar's model; the run bar waits (and Esc cancels) meanwhile. */
    public void runProbe() {
        runProbe(null);
    }

    /** As {@link #runProbe()}, then runs after on the FX thread once the curve is shown. */
    public void runProbe(Runnable after) {
        ProbesViewModel vm = ctx.workbench().probes();
        if (ctx.run().runningProperty().get()) return;
        ModelRef model = ctx.run().modelProperty().get();
        ProbeSettings settings;
        try {
            if (model == null) throw new IllegalArgumentException("choose a model first (File → Open model folder…)");
            settings = vm.toSettings();
        } catch (IllegalArgumentException e) {
            vm.failed(e.getMessage());
            return;
        }
        vm.started();
        ctx.run().runningProperty().set(true);
        ctx.run().progressed("Probe: starting…", -1);
        current = ctx.tasks().execute(Lane.RUN, BackgroundTask.<ProbeResult>of(p -> probes.run(model, settings, p::update, p::isCancelled))
                .onProgress((m, f) -> {
                    vm.progressed(m, f);
                    ctx.run().progressed("Probe: " + m, f);
                })
                .onSuccess(r -> {
                    ctx.run().runningProperty().set(false);
                    ctx.run().progressed("Probe done: " + r.settings().source().describe(), 0);
                    vm.finished(r);
                    if (after != null) after.run();
                })
                .onCancelled(() -> {
                    ctx.run().cancelled();
                    vm.cancelled();
                })
                .onFailure(t -> {
                    ctx.run().failed("probe: " + ErrorDialog.message(t));
                    vm.failed(ErrorDialog.message(t));
                    // bad settings and prompts are said in the view; anything else is a bug worth its details
                    if (!(t instanceof IllegalArgumentException || t instanceof UnsupportedOperationException || t instanceof java.io.IOException)) {
                        ErrorDialog.show(ctx.window(), "The probe failed", t);
                    }
                }));
    }
}
