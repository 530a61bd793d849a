package io.loopscope.ui.task;

/** A task handed to a {@link TaskExecutor}. */
public interface TaskHandle {

    /** Asks the task to stop: its work sees {@link Progress#isCancelled()}; the cancel handler runs instead of success or failure. */
    void cancel();

    /** Queued or running, and not yet over. */
    boolean isActive();
}
