package io.loopscope.inference.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output targets: every bad one named before anything is written, special files never replaced. */
class AtomicFileTest {

    private static String refused(Path target) {
        return assertThrows(IOException.class, () -> AtomicFile.write(target, tmp -> Files.writeString(tmp, "x"))).getMessage();
    }

    @Test
    void aPipeIsNotReplacedByAFile(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is available");
        assertTrue(refused(fifo).contains(fifo + ": it is not a regular file"));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the pipe is still a pipe");
    }

    @Test
    void emptyFolderFileAndMissingPathsAreNamed(@TempDir Path dir) throws Exception {
        assertEquals("no output file given (the path is empty)", refused(Path.of("")));
        assertTrue(refused(dir).contains("it is a folder, not a file"));
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertTrue(refused(file.resolve("x.npz")).contains(file + " is a file, not a folder"));
        assertTrue(refused(dir.resolve("nope/x.npz")).contains("folder " + dir.resolve("nope") + " does not exist"));
    }

    @Test
    void aTempFileThatCannotBeMadeNamesTheTarget() {
        Path proc = Path.of("/proc/self/x.npz");
        assumeTrue(Files.isDirectory(proc.getParent()));
        String m = refused(proc);
        assertTrue(m.startsWith("cannot write " + proc), m);
    }

    @Test
    void aGoodTargetIsWrittenWholeAndNothingIsLeftBeside(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a.txt");
        AtomicFile.write(target, tmp -> Files.writeString(tmp, "hello"));
        assertEquals("hello", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
