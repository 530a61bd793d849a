package io.loopscope.ui.view;

import io.loopscope.ui.engine.PairComparison;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.engine.StreamedToken;
import io.loopscope.ui.vm.LiveGeneration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * Starts runs as javafx.concurrent.Tasks on one background thread — the UI thread never waits for a
 * model — and feeds their progress, results and failures back into the view models on the FX thread.
 * One worker thread: two runs at once would only compete for the same two cores. A generation's
 * tokens are handed to the token strip as they are chosen, each in its own FX-thread turn.
 */
public final class RunCoordinator {
    private final WorkbenchContext ctx;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loopscope-run");
        t.setDaemon(true); // closing the window must not wait for a 1000-iteration run
        return t;
    });
    private Task<?> current;

    RunCoordinator(WorkbenchContext ctx) {
        this.ctx = ctx;
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
        Task<RunResult> task = new Task<>() {
            @Override
            protected RunResult call() throws Exception {
                return ctx.services().pipeline().run(spec, new RunPipeline.Progress() {
                    @Override
                    public void update(String m, double f) {
                        updateMessage(m);
                        updateProgress(f < 0 ? -1 : f, 1);
                    }

                    // tokens are few and each is news: one FX turn each (progress, by contrast, is coalesced by the Task);
                    // FIFO order puts them all before the result, and after a cancel none lands
                    @Override
                    public void prompt(List<String> tokens) {
                        Platform.runLater(() -> { if (!isDone()) live.prompt(tokens); });
                    }

                    @Override
                    public void token(StreamedToken t) {
                        Platform.runLater(() -> { if (!isDone()) live.token(t); });
                    }
                }, this::isCancelled);
            }
        };
        ctx.run().started(spec);
        if (spec.generates()) live.start(spec);
        // a progress update can reach the FX thread after the task was cancelled: it must not overwrite "Cancelled"
        task.messageProperty().addListener((o, a, m) -> { if (!task.isDone()) ctx.run().progressed(m, task.getProgress()); });
        task.progressProperty().addListener((o, a, p) -> { if (!task.isDone()) ctx.run().progressed(task.getMessage(), p.doubleValue()); });
        task.setOnSucceeded(e -> {
            RunResult r = task.getValue();
            ctx.run().finished(r);
            ctx.workbench().resultProperty().set(r);
            live.stop(); // after the result is in: the strip goes from the stream straight to the analysed run
            if (after != null) after.accept(r);
        });
        task.setOnCancelled(e -> {
            live.stop();
            ctx.run().cancelled();
        });
        task.setOnFailed(e -> {
            live.stop();
            Throwable t = task.getException();
            ctx.run().failed(ErrorDialog.message(t));
            ErrorDialog.show(ctx.window(), "The run failed", t);
        });
        start(task);
    }

    /** The Cancel button: the engine polls for it once per iteration. */
    public void cancel() {
        Task<?> t = current;
        if (t != null && t.isRunning()) t.cancel();
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
        Task<Both> task = new Task<>() {
            @Override
            protected Both call() throws Exception {
                RunResult b = ctx.services().pipeline().run(spec, (m, f) -> {
                    updateMessage("Run B: " + m);
                    updateProgress(f < 0 ? -1 : f, 1);
                }, this::isCancelled);
                var analyzer = ctx.services().pipeline().analyzer();
                return new Both(b, analyzer.compare(a.trace(), b.trace()), analyzer.inFrameOf(a.analysis(), b.analysis()));
            }
        };
        cmp.runningProperty().set(true);
        ctx.run().runningProperty().set(true);
        task.messageProperty().addListener((o, x, m) -> { if (!task.isDone()) ctx.run().progressed(m, task.getProgress()); });
        task.progressProperty().addListener((o, x, p) -> { if (!task.isDone()) ctx.run().progressed(task.getMessage(), p.doubleValue()); });
        task.setOnSucceeded(e -> {
            ctx.run().runningProperty().set(false);
            ctx.run().progressed("Run B done: " + spec.shortLabel(), 0);
            cmp.finished(task.getValue().b(), task.getValue().c(), task.getValue().bInA());
            if (after != null) after.run();
        });
        task.setOnCancelled(e -> {
            cmp.runningProperty().set(false);
            ctx.run().cancelled();
        });
        task.setOnFailed(e -> {
            cmp.runningProperty().set(false);
            ctx.run().failed(ErrorDialog.message(task.getException()));
            ErrorDialog.show(ctx.window(), "Run B failed", task.getException());
        });
        start(task);
    }

    private void start(Task<?> task) {
        current = task;
        worker.submit(task);
    }

    public void shutdown() {
        worker.shutdownNow();
    }
}
