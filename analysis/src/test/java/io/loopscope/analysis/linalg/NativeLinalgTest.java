package io.loopscope.analysis.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door to Smile's native libraries: a clear error naming the library and the install command when
 * one is missing, and ND4J's own OpenBLAS kept for the engine when Smile's comes in first.
 */
class NativeLinalgTest {

    @Test
    void opensTheLibrariesInThisJvm() {
        NativeLinalg.require(); // ./test.sh installs them; without them every PCA test fails with the message below
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertEquals(3, e.values()[0], 1e-12);
        assertEquals(1, e.values()[1], 1e-12);
    }

    /** A BLAS name no machine has stands in for a machine without libopenblas.so. */
    @Test
    void aMissingLibraryIsNamedWithTheCommandThatInstallsIt(@TempDir Path dir) throws Exception {
        Run run = Run.probe(dir, Map.of(), "-Dsmile.lib.blas=loopscope-no-such-blas");
        String expected = "PCA and the motif features use Smile's native linear algebra, which could not load: "
                + "Cannot open library: libloopscope-no-such-blas.so; " + NativeLinalg.MISSING_HINT;
        assertEquals(List.of("failed 1: " + expected, "failed 2: " + expected), run.lines().subList(0, 2), "the same message every time, " + run.err());
        assertTrue(NativeLinalg.MISSING_HINT.contains("sudo apt-get install libopenblas-dev libarpack2-dev"));
        assertTrue(run.lines().get(2).startsWith("nd4j product "), "the engine still works: " + run.lines());
    }

    /**
     * Both OpenBLAS builds have the soname libopenblas.so.0, and libnd4jcpu binds to the one loaded
     * first; the dynamic linker's own trace shows where its cblas_sgemm went.
     */
    @Test
    void theEngineKeepsItsOwnOpenBlasWhenSmilesLoadsFirst(@TempDir Path dir) throws Exception {
        Run run = Run.probe(dir, Map.of("LD_DEBUG", "bindings"));
        assertEquals("ready", run.lines().getFirst(), run.err());
        List<String> sgemm = run.err().lines().filter(l -> l.contains("libnd4jcpu.so") && l.contains("`cblas_sgemm'")).toList();
        assertEquals(1, sgemm.size(), "one binding of cblas_sgemm for libnd4jcpu: " + sgemm);
        // "binding file …/libnd4jcpu.so [0] to …/libopenblas_nolapack.so.0 [0]: normal symbol `cblas_sgemm'"
        String target = sgemm.getFirst().substring(sgemm.getFirst().indexOf(" to ") + 4);
        assertTrue(target.contains("/.javacpp/") && target.contains("openblas"), "bound to ND4J's bundled OpenBLAS, not the system's: " + target);
    }

    private record Run(List<String> lines, String err) {
        static Run probe(Path dir, Map<String, String> env, String... jvmFlags) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx512m"));
            command.addAll(List.of(jvmFlags));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeLinalgProbe.class.getName()));
            Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process java = builder.start();
            if (!java.waitFor(5, TimeUnit.MINUTES)) {
                java.destroyForcibly();
                throw new AssertionError("the probe did not finish");
            }
            String log = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, java.exitValue(), "probe failed:\n" + log.lines().limit(50).toList());
            return new Run(Files.readAllLines(out), log);
        }
    }
}
