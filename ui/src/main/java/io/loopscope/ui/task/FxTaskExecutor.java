package io.loopscope.ui.task;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * The app's executor: one daemon thread per lane ("loopscope-run", "loopscope-files",
 * "loopscope-autosave"), each task a {@link javafx.concurrent.Task} — so progress reaches the FX
 * thread coalesced, and the callbacks run there. Progress and hand-overs that arrive after the task
 * is over (cancelled, say) are dropped, so they never overwrite what the outcome showed.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
    private final Set<Task<?>> active = ConcurrentHashMap.newKeySet();

    public FxTaskExecutor() {
        for (Lane lane : Lane.values()) {
            String name = "loopscope-" + lane.name().toLowerCase(Locale.ROOT);
            lanes.put(lane, Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true); // closing the window must not wait for a 1000-iteration run
                return t;
            }));
        }
    }

    @Override
    public <T> TaskHandle execute(Lane lane, BackgroundTask<T> bt) {
        FxTask<T> task = new FxTask<>(bt);
        task.messageProperty().addListener((o, a, m) -> { if (!task.over) bt.progressListener().progressed(m, task.getProgress()); });
        task.progressProperty().addListener((o, a, p) -> { if (!task.over) bt.progressListener().progressed(task.getMessage(), p.doubleValue()); });
        task.setOnSucceeded(e -> {
            task.end();
            active.remove(task);
            bt.successHandler().accept(task.getValue());
        });
        task.setOnFailed(e -> {
            task.end();
            active.remove(task);
            bt.failureHandler().accept(task.getException());
        });
        task.setOnCancelled(e -> {
            task.end();
            active.remove(task);
            bt.cancelHandler().run();
        });
        active.add(task);
        try {
            lanes.get(lane).execute(task);
        } catch (RejectedExecutionException e) {
            active.remove(task); // shut down: the window is closing, nothing runs any more
        }
        return new TaskHandle() {
            @Override
            public void cancel() {
                if (!task.isDone()) task.cancel();
            }

            @Override
            public boolean isActive() {
                return active.contains(task) && !task.isDone();
            }
        };
    }

    @Override
    public void shutdown() {
        for (Task<?> t : active) t.cancel();
        for (ExecutorService s : lanes.values()) s.shutdownNow();
    }

    @Override
    public boolean awaitTermination(Lane lane, Duration timeout) throws InterruptedException {
        return lanes.get(lane).awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A BackgroundTask's work as a JavaFX Task. over is set on the FX thread as the outcome's handler
     * runs: what the work handed to the FX thread before it finished lands first (the queue is FIFO),
     * anything after a cancel is dropped.
     */
    private static final class FxTask<T> extends Task<T> implements Progress {
        private final BackgroundTask<T> bt;
        private boolean over; // FX thread only

        void end() {
            over = true;
        }

        FxTask(BackgroundTask<T> bt) {
            this.bt = bt;
        }

        @Override
        protected T call() throws Exception {
            return bt.work().run(this);
        }

        @Override
        public void update(String message, double fraction) {
            updateMessage(message);
            updateProgress(fraction < 0 ? -1 : fraction, 1);
        }

        @Override
        public void message(String message) {
            updateMessage(message);
        }

        @Override
        public void onUiThread(Runnable r) {
            // isCancelled too: a cancel from another thread marks the task at once but reaches the FX
            // thread (and sets over) only with its own runLater, which work posted after it can overtake
            Platform.runLater(() -> { if (!over && !isCancelled()) r.run(); });
        }
    }
}
