package io.loopscope.analysis.export;

import io.loopscope.inference.io.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every export goes through here: UTF-8 text written to a temporary sibling and renamed into place
 * ({@link AtomicFile}), so a failed export — unwritable folder, full disk, an exception halfway —
 * leaves the old file or nothing, never half a table.
 */
public final class ExportFile {
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    private ExportFile() {
    }

    public static void write(Path target, Body body) throws IOException {
        requireWritable(target);
        AtomicFile.write(target, tmp -> {
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(out);
            }
        });
    }

    /** Creates an output folder, with a clear message when a file stands where a folder must be. */
    public static Path directory(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IOException("cannot create folder " + dir + ": " + p + " is a file, not a folder");
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    /** Clearer messages than the rename would give, for the usual mistakes. */
    static void requireWritable(Path target) throws IOException {
        if (Files.isDirectory(target)) throw new IOException("cannot write " + target + ": it is a folder");
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": " + dir + " is a file, not a folder");
        }
    }
}
