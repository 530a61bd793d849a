package io.loopscope.inference.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary files that are being written and not yet renamed into place. A JVM shutdown hook
 * (Ctrl-C, SIGTERM) deletes whatever is still registered, because finally blocks do not run when
 * the JVM is asked to exit while a write is under way.
 */
public final class PartialFiles {
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PartialFiles::deleteAll, "loopscope-partial-files"));
    }

    private PartialFiles() {
    }

    public static void register(Path file) {
        IN_PROGRESS.add(file);
    }

    public static void unregister(Path file) {
        IN_PROGRESS.remove(file);
    }

    static void deleteAll() {
        for (Path p : IN_PROGRESS) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort during shutdown: nothing else can be done here
            }
        }
    }
}
