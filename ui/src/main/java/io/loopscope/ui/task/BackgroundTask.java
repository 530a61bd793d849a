package io.loopscope.ui.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Work to do in the background and what to do on the UI thread as it goes: progress, then exactly
 * one of success, failure or cancellation. Built fluently and handed to a {@link TaskExecutor}:
 * <pre>
 * tasks.execute(Lane.FILES, BackgroundTask.of(p -&gt; write(file))
 *         .onProgress((m, f) -&gt; status(m))
 *         .onSuccess(path -&gt; done(path))
 *         .onFailure(e -&gt; ErrorDialog.show(...)));
 * </pre>
 */
public final class BackgroundTask<T> {

    /** Progress as the UI thread sees it. */
    @FunctionalInterface
    public interface ProgressListener {
        void progressed(String message, double fraction);
    }

    private final Work<T> work;
    private ProgressListener onProgress = (m, f) -> { };
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<Throwable> onFailure = t -> { };
    private Runnable onCancelled = () -> { };

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    public static <T> BackgroundTask<T> of(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    /** Called on the UI thread with the latest message and fraction while the task runs (never after it is over). */
    public BackgroundTask<T> onProgress(ProgressListener l) {
        onProgress = Objects.requireNonNull(l);
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> c) {
        onSuccess = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> c) {
        onFailure = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable r) {
        onCancelled = Objects.requireNonNull(r);
        return this;
    }

    Work<T> work() { return work; }
    ProgressListener progressListener() { return onProgress; }
    Consumer<? super T> successHandler() { return onSuccess; }
    Consumer<Throwable> failureHandler() { return onFailure; }
    Runnable cancelHandler() { return onCancelled; }
}
