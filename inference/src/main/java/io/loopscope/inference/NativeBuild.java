package io.loopscope.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * ND4J's three x86-64 native builds, all on the class path, and which one a CPU can run.
 *
 * <p>Why choose: JavaCPP loads the build named by the system property {@link #PROPERTY}; unset, it
 * takes the AVX-512 build whenever that is on the class path, and on a CPU without AVX-512 ND4J then
 * stops the JVM ("CPU Feature Check Failed … ND4J will now exit"). Each build needs the instructions
 * libnd4j is compiled with for it ({@code -mavx -mavx2 -mfma -mf16c}, plus
 * {@code -mavx512f/cd/vl/bw/dq -mbmi -mbmi2} for AVX-512), named here as /proc/cpuinfo spells them.
 */
public enum NativeBuild {
    AVX512("-avx512", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "avx512f", "avx512cd", "avx512vl", "avx512bw", "avx512dq"),
    AVX2("-avx2", "avx", "avx2", "fma", "f16c"),
    GENERIC("");

    /** JavaCPP's platform extension: "-avx512", "-avx2" or "" (the generic build). */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private final String extension;
    private final Set<String> requiredFlags;

    NativeBuild(String extension, String... requiredFlags) {
        this.extension = extension;
        this.requiredFlags = Set.of(requiredFlags);
    }

    /** The platform extension JavaCPP should load: the user's, when set, else the fastest build the CPU runs. */
    public static String extension(String explicit, Set<String> cpuFlags) {
        return explicit != null ? explicit : forCpu(cpuFlags).extension;
    }

    /** The fastest build the CPU runs (builds are declared fastest first). */
    public static NativeBuild forCpu(Set<String> cpuFlags) {
        return Arrays.stream(values()).filter(b -> b.runsOn(cpuFlags)).findFirst().orElseThrow();
    }

    /** Whether every instruction set this build is compiled with is among the CPU's flags. */
    public boolean runsOn(Set<String> cpuFlags) {
        return cpuFlags.containsAll(requiredFlags);
    }

    /** The value of {@link #PROPERTY} that loads this build. */
    public String extension() {
        return extension;
    }

    /** The flags of the first "flags" line of /proc/cpuinfo text; none when it has no such line (not x86). */
    public static Set<String> cpuFlags(Stream<String> cpuinfoLines) {
        return cpuinfoLines.filter(line -> line.startsWith("flags") && line.contains(":")).findFirst()
                .map(line -> Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    /** This machine's CPU flags; none when /proc/cpuinfo cannot be read, so the generic build is chosen. */
    public static Set<String> thisCpu() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return cpuFlags(lines);
        } catch (IOException | UncheckedIOException e) {
            return Set.of();
        }
    }
}
