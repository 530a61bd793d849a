package io.loopscope.ui.task;

import java.time.Duration;

/**
 * Runs every task at once on the calling thread, callbacks included — for tests: when the call that
 * started a task returns, its outcome is on screen, so a flow test needs no polling. Nothing can
 * cancel work that runs on the caller's thread: the handle returned is already over (a flow that
 * cancels a run in flight needs {@link FxTaskExecutor}).
 */
public final class SameThreadTaskExecutor implements TaskExecutor {
    private static final TaskHandle OVER = new TaskHandle() {
        @Override public void cancel() { }
        @Override public boolean isActive() { return false; }
    };
    private boolean shut;

    @Override
    public <T> TaskHandle execute(Lane lane, BackgroundTask<T> bt) {
        if (shut) return OVER;
        Inline p = new Inline(bt);
        T value;
        try {
            value = bt.work().run(p);
        } catch (Exception e) {
            p.over = true;
            bt.failureHandler().accept(e);
            return OVER;
        }
        p.over = true;
        bt.successHandler().accept(value);
        return OVER;
    }

    @Override
    public void shutdown() {
        shut = true;
    }

    @Override
    public boolean awaitTermination(Lane lane, Duration timeout) {
        return true;
    }

    private static final class Inline implements Progress {
        private final BackgroundTask<?> bt;
        private boolean over;
        private double fraction = -1;

        Inline(BackgroundTask<?> bt) {
            this.bt = bt;
        }

        @Override
        public void update(String message, double f) {
            fraction = f < 0 ? -1 : f;
            if (!over) bt.progressListener().progressed(message, fraction);
        }

        @Override
        public void message(String message) {
            if (!over) bt.progressListener().progressed(message, fraction);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onUiThread(Runnable r) {
            if (!over) r.run();
        }
    }
}
