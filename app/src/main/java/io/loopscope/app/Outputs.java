package io.loopscope.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks made before long work, so a bad output path fails in a second, not after the run. */
final class Outputs {
    private Outputs() {
    }

    static void requireWritableTarget(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) throw new IllegalArgumentException("output " + file + " is a folder, not a file");
        if (dir == null || !Files.isDirectory(dir)) throw new IllegalArgumentException("cannot write " + file + ": folder " + dir + " does not exist");
        if (!Files.isWritable(dir)) throw new IllegalArgumentException("cannot write " + file + ": folder " + dir + " is not writable");
        if (Files.exists(file) && !Files.isWritable(file)) throw new IllegalArgumentException("cannot write " + file + ": the file is read-only");
    }
}
