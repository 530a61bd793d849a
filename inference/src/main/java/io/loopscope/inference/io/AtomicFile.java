package io.loopscope.inference.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary sibling and a rename, so readers see the old file or the
 * complete new one, never a half-written one — and a failed or interrupted write leaves nothing.
 */
public final class AtomicFile {
    @FunctionalInterface
    public interface Body {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        if (!Files.isWritable(dir)) throw new IOException("cannot write " + target + ": folder " + dir + " is not writable");
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        PartialFiles.register(tmp);
        try {
            body.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            PartialFiles.unregister(tmp);
        }
    }
}
