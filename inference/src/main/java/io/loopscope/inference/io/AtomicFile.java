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

    /**
     * Checks that target can be written: a path is given, it is not a folder, an existing target is a
     * regular file (a device, pipe or socket would be replaced by a file: refused), its folder exists,
     * is a folder and is writable, and an existing file is not read-only. The message names the target.
     */
    public static void checkTarget(Path target) throws IOException {
        if (target == null || target.toString().isBlank()) throw new IOException("no output file given (the path is empty)");
        if (Files.isDirectory(target)) throw new IOException("cannot write " + target + ": it is a folder, not a file");
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw new IOException("cannot write " + target + ": it is not a regular file (a device, pipe or socket); "
                    + "outputs are written whole and renamed into place, which would replace it");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null) throw new IOException("cannot write " + target + ": it has no folder");
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException("cannot write " + target + ": " + dir + " is a file, not a folder");
        if (!Files.isDirectory(dir)) throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        if (!Files.isWritable(dir)) throw new IOException("cannot write " + target + ": folder " + dir + " is not writable");
        if (Files.exists(target) && !Files.isWritable(target)) throw new IOException("cannot write " + target + ": the file is read-only");
    }

    public static void write(Path target, Body body) throws IOException {
        checkTarget(target);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
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
