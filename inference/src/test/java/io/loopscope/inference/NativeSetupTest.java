package io.loopscope.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.testing.Nd4jBuildProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** NativeSetup's choice of ND4J build reaches the tests, and every build this CPU runs computes the same. */
class NativeSetupTest {
    private static final Map<NativeBuild, String> BINARY_LEVEL = Map.of(
            NativeBuild.AVX512, "Binary level AVX512 ", NativeBuild.AVX2, "Binary level AVX/AVX2 ", NativeBuild.GENERIC, "Binary level Generic x86 ");

    @Test
    void testsLoadTheBuildNativeSetupChose() {
        String extension = System.getProperty(NativeBuild.PROPERTY);
        assertNotNull(extension, "NativeSetupSession did not apply NativeSetup before the tests");
        Nd4j.create(1); // loads the natives, if no earlier test did
        String library = Loader.getLoadedLibraries().values().stream().filter(path -> path.endsWith("/libnd4jcpu.so")).findFirst().orElseThrow();
        assertTrue(library.contains("/linux-x86_64" + extension + "/libnd4jcpu.so"), library);
    }

    @Test
    @Tag("slow")
    void everyBuildThisCpuRunsComputesTheSame(@TempDir Path dir) throws Exception {
        Map<NativeBuild, Probe> probes = new EnumMap<>(NativeBuild.class);
        for (NativeBuild build : NativeBuild.values()) {
            if (build.runsOn(NativeBuild.thisCpu())) probes.put(build, Probe.run(build, dir));
        }
        Probe generic = probes.get(NativeBuild.GENERIC);
        probes.forEach((build, probe) -> {
            assertTrue(probe.library.contains("/linux-x86_64" + build.extension() + "/"), build + " loaded " + probe.library);
            assertTrue(probe.log.contains(BINARY_LEVEL.get(build)), build + " logged no '" + BINARY_LEVEL.get(build) + "':\n" + probe.log);
            assertArrayEquals(generic.matmul, probe.matmul, 1e-4f, build + " matmul");
            assertArrayEquals(generic.tanh, probe.tanh, 1e-6f, build + " tanh");
            System.out.printf("%s: %s; max |Δ| from generic: matmul %.3g, tanh %.3g%n", build,
                    probe.log.lines().filter(l -> l.contains("Binary level")).findFirst().orElseThrow().replaceAll(".* - ", ""),
                    maxDifference(generic.matmul, probe.matmul), maxDifference(generic.tanh, probe.tanh));
        });
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }

    /** One run of {@link Nd4jBuildProbe} in its own JVM, which loads the build {@link NativeBuild#PROPERTY} names. */
    private record Probe(String library, float[] matmul, float[] tanh, String log) {
        static Probe run(NativeBuild build, Path dir) throws IOException, InterruptedException {
            Path out = dir.resolve(build + ".out"), err = dir.resolve(build + ".err");
            Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx1g",
                    "-D" + NativeBuild.PROPERTY + "=" + build.extension(),
                    "-cp", System.getProperty("java.class.path"), Nd4jBuildProbe.class.getName())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!java.waitFor(10, TimeUnit.MINUTES)) {
                java.destroyForcibly();
                throw new AssertionError(build + ": the probe did not finish");
            }
            String log = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, java.exitValue(), build + " probe failed:\n" + log);
            Map<String, String> fields = Files.readAllLines(out).stream().filter(l -> l.contains("="))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
            return new Probe(fields.get("library"), floats(fields.get("matmul")), floats(fields.get("tanh")), log);
        }

        private static float[] floats(String joined) {
            String[] parts = joined.split(",");
            float[] values = new float[parts.length];
            for (int i = 0; i < values.length; i++) values[i] = Float.parseFloat(parts[i]);
            return values;
        }
    }
}
