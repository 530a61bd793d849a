package io.loopscope.inference.generate;

/** Hears a generation as it runs: every finished loop step, and every token as it is chosen. */
public interface GenerationListener {
    GenerationListener NONE = new GenerationListener() {
    };

    /** Loop step {@code step} of position {@code position} is done (the prompt reports its last position). */
    default void onStep(int position, int step) {
    }

    /** Generated token number {@code index} (0-based) is {@code id}, read off a position that ran {@code steps} iterations. */
    default void onToken(int index, long id, int position, int steps) {
    }
}
