package io.loopscope.app;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during a long run: the run is asked to stop (it polls {@link #cancelled}) and gets a few
 * seconds to do so, so nothing is left half-written. Close it when the run is over.
 */
final class CtrlC implements AutoCloseable {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Thread hook;

    private CtrlC() {
        Thread worker = Thread.currentThread();
        hook = new Thread(() -> {
            cancelled.set(true);
            try {
                worker.join(3000); // let the loop stop; AtomicFile removes any half-written output
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static CtrlC install() {
        CtrlC c = new CtrlC();
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    boolean cancelled() {
        return cancelled.get();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting (Ctrl-C): the hook is running
        }
    }
}
