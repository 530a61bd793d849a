package io.loopscope.ui.task;

import java.time.Duration;

/**
 * The one way the workbench runs work off the UI thread (after JabRef's TaskExecutor). Work goes to
 * a lane — one worker thread each, so tasks of a lane run one after another in order, and a lane
 * never waits behind another: a save does not queue behind a long model run. Callbacks run on the UI
 * thread. {@link FxTaskExecutor} is the app's; {@link SameThreadTaskExecutor} runs everything at
 * once on the caller's thread, for tests.
 */
public interface TaskExecutor {

    /** The worker threads. */
    enum Lane {
        /** Model runs: one at a time (two would only compete for the same cores). */
        RUN,
        /** Sessions, figure and data exports, reading shipped files. */
        FILES,
        /** The crash-recovery autosave. */
        AUTOSAVE
    }

    <T> TaskHandle execute(Lane lane, BackgroundTask<T> task);

    /** Cancels every task and stops the lanes (a closing window must not wait for a 1000-iteration run). */
    void shutdown();

    /** After {@link #shutdown()}: waits until the lane's last task has stopped; false on timeout. */
    boolean awaitTermination(Lane lane, Duration timeout) throws InterruptedException;
}
