package io.loopscope.inference.checkpoint;

/**
 * Hears a checkpoint load tensor by tensor, so a window can show how far it is and stop it: a
 * full-size checkpoint takes long enough to read that a user must be able to change their mind.
 */
public interface LoadListener {
    /** A listener that hears nothing and never cancels. */
    LoadListener NONE = new LoadListener() {
    };

    /** bytesRead of bytesTotal stored bytes have been read (called after each tensor, on the thread that loads). */
    default void read(long bytesRead, long bytesTotal) {
    }

    /** Polled before each tensor; true stops the load with a CancellationException. */
    default boolean cancelled() {
        return false;
    }
}
