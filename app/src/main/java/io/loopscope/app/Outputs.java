package io.loopscope.app;

import java.nio.file.Path;

/** Checks made before long work, so a bad output path fails in a second, not after the run. */
final class Outputs {
    private Outputs() {
    }

    static void requireWritableTarget(Path file) {
        try {
            io.loopscope.inference.io.AtomicFile.checkTarget(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
