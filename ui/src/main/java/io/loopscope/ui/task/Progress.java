package io.loopscope.ui.task;

/** What background work sees of its task: where to report progress, whether it was cancelled, and the way to the UI thread. */
public interface Progress {

    /** A message and how far along (0..1; negative: indeterminate). The UI sees the latest, coalesced. */
    void update(String message, double fraction);

    /** A message, progress unchanged. */
    void message(String message);

    /** Whether the task was cancelled; long work polls it (the engine once per loop iteration). */
    boolean isCancelled();

    /**
     * Hands r to the UI thread, after everything handed before it (one UI turn each, never
     * coalesced: streamed tokens are few and each is news). Dropped once the task is over, so none
     * lands after its result or after a cancel.
     */
    void onUiThread(Runnable r);
}
