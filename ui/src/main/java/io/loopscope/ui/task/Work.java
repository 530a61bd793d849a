package io.loopscope.ui.task;

/** The background part of a task: runs off the UI thread, reports through progress, returns a value or throws. */
@FunctionalInterface
public interface Work<T> {
    T run(Progress progress) throws Exception;
}
