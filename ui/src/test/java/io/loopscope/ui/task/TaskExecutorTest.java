package io.loopscope.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.task.TaskExecutor.Lane;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executor seam: callbacks on the FX thread in order, cancellation, independent lanes; the same-thread one for tests. */
class TaskExecutorTest {

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage(); // the toolkit as TestFX starts it, so the flow tests after this one share it
    }

    @Test
    void sameThreadRunsWorkAndCallbacksBeforeReturning() {
        List<String> seen = new CopyOnWriteArrayList<>();
        TaskExecutor tasks = new SameThreadTaskExecutor();
        TaskHandle h = tasks.execute(Lane.RUN, BackgroundTask.of(p -> {
            p.update("half", 0.5);
            p.onUiThread(() -> seen.add("token"));
            p.message("writing");
            return 42;
        }).onProgress((m, f) -> seen.add(m + " " + f)).onSuccess(v -> seen.add("done " + v)));
        assertEquals(List.of("half 0.5", "token", "writing 0.5", "done 42"), seen);
        assertFalse(h.isActive());

        tasks.execute(Lane.FILES, BackgroundTask.of(p -> {
            throw new IOException("disk full");
        }).onSuccess(v -> seen.add("no")).onFailure(e -> seen.add("failed: " + e.getMessage())));
        assertEquals("failed: disk full", seen.getLast());

        tasks.shutdown();
        tasks.execute(Lane.RUN, BackgroundTask.of(p -> seen.add("after shutdown")));
        assertEquals("failed: disk full", seen.getLast(), "nothing runs after shutdown");
    }

    @Test
    void fxCallbacksRunOnTheFxThreadAfterEveryTokenAndNeverAfterTheOutcome() throws Exception {
        FxTaskExecutor tasks = new FxTaskExecutor();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        tasks.execute(Lane.RUN, BackgroundTask.of(p -> {
            assertTrue(Thread.currentThread().getName().equals("loopscope-run"));
            for (int i = 0; i < 5; i++) {
                int k = i;
                p.onUiThread(() -> seen.add("token " + k + (Platform.isFxApplicationThread() ? "" : " off the FX thread")));
                p.update("step " + i, i / 5.0);
            }
            return "result";
        }).onProgress((m, f) -> { if (!Platform.isFxApplicationThread()) seen.add("progress off the FX thread"); })
                .onSuccess(v -> {
                    seen.add(v + (Platform.isFxApplicationThread() ? "" : " off the FX thread"));
                    done.countDown();
                }));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("token 0", "token 1", "token 2", "token 3", "token 4", "result"), seen, "tokens in order, all before the result");
        tasks.shutdown();
    }

    @Test
    void cancelStopsTheWorkAndOnlyTheCancelHandlerRuns() throws Exception {
        FxTaskExecutor tasks = new FxTaskExecutor();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1), over = new CountDownLatch(1);
        TaskHandle h = tasks.execute(Lane.RUN, BackgroundTask.of(p -> {
            started.countDown();
            while (!p.isCancelled()) Thread.onSpinWait(); // the engine polls once per iteration
            p.onUiThread(() -> seen.add("token after the cancel"));
            return "too late";
        }).onSuccess(v -> seen.add("success")).onFailure(e -> seen.add("failure")).onCancelled(() -> {
            seen.add("cancelled");
            over.countDown();
        }));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(h.isActive());
        h.cancel();
        assertTrue(over.await(10, TimeUnit.SECONDS));
        Thread.sleep(100);
        CountDownLatch flushed = new CountDownLatch(1);
        Platform.runLater(flushed::countDown);
        assertTrue(flushed.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("cancelled"), seen);
        assertFalse(h.isActive());
        tasks.shutdown();
    }

    @Test
    void aSaveDoesNotWaitBehindALongRun() throws Exception {
        FxTaskExecutor tasks = new FxTaskExecutor();
        CountDownLatch release = new CountDownLatch(1), saved = new CountDownLatch(1);
        tasks.execute(Lane.RUN, BackgroundTask.of(p -> release.await(30, TimeUnit.SECONDS)));
        tasks.execute(Lane.FILES, BackgroundTask.of(p -> "saved").onSuccess(v -> saved.countDown()));
        assertTrue(saved.await(10, TimeUnit.SECONDS), "the file lane ran while the run lane was busy");
        release.countDown();
        tasks.shutdown();
        assertTrue(tasks.awaitTermination(Lane.RUN, Duration.ofSeconds(5)));
    }
}
