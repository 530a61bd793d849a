package io.loopscope.inference;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Settings the native runtime (ND4J's OpenMP and OpenBLAS) reads when it is first loaded, applied
 * from inside the JVM so every entry point — the launcher script, the jpackage app, tests — gets them:
 * which of ND4J's native builds to load (see {@link NativeBuild}) and how OpenMP threads wait.
 *
 * <p>Why the wait policy: by default OpenMP worker threads spin while waiting. On a 2-core machine
 * shared with any other work, spinning threads steal the core the next op needs; measured here under
 * load, one loop step of the H = 1024 benchmark model took 587 ms with spinning and 175 ms with
 * OMP_WAIT_POLICY=PASSIVE, and a step of the 64-wide fixture model 140 ms against 4.5 ms.
 */
public final class NativeSetup {
    private static boolean applied;
    private static boolean backendLoaded;

    private NativeSetup() {
    }

    /** Call before the first ND4J use; later calls do nothing. A value the user set is kept. */
    public static synchronized void apply() {
        if (applied) return;
        applied = true;
        setDefault("OMP_WAIT_POLICY", "PASSIVE");
        offHeapLimitDefault();
        System.setProperty(NativeBuild.PROPERTY, NativeBuild.extension(System.getProperty(NativeBuild.PROPERTY), NativeBuild.thisCpu()));
    }

    /**
     * Applies the settings and loads ND4J's native backend now, if it is not loaded yet. For code that
     * is about to load another OpenBLAS (Smile opens the system's {@code libopenblas.so}): both carry
     * the soname {@code libopenblas.so.0}, and the dynamic linker binds {@code libnd4jcpu}'s BLAS calls
     * to whichever the process loaded first (seen with LD_DEBUG=bindings: Smile first, and the engine's
     * {@code cblas_sgemm} went to Debian's OpenBLAS 0.3.21). Loading ND4J first keeps the engine on
     * its bundled OpenBLAS whatever ran before it, so its numbers do not depend on the order.
     */
    public static synchronized void loadBackend() {
        apply();
        if (!backendLoaded) {
            org.nd4j.linalg.factory.Nd4j.scalar(0f).close();
            backendLoaded = true;
        }
    }

    /**
     * JavaCPP caps native memory at the Java heap's maximum unless told otherwise — a quarter of the
     * RAM by default, so a 16 GB laptop refused the 7.1 GB of a BF16 Huginn-0125 it can hold. Unless the
     * user set a limit, allow the machine's RAM: a load still checks what is actually free first
     * ({@link io.loopscope.inference.checkpoint.MemoryBudget}).
     */
    private static void offHeapLimitDefault() {
        for (String key : new String[] {"org.bytedeco.javacpp.maxbytes", "org.bytedeco.javacpp.maxBytes",
                "org.bytedeco.javacpp.maxphysicalbytes", "org.bytedeco.javacpp.maxPhysicalBytes"}) {
            if (System.getProperty(key) != null) return;
        }
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ram = os.getTotalMemorySize();
            if (ram > 0) {
                System.setProperty("org.bytedeco.javacpp.maxbytes", Long.toString(ram));
                System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", Long.toString(ram));
            }
        }
    }

    private static void setDefault(String name, String value) {
        if (System.getenv(name) != null) return;
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment n = arena.allocateFrom(name), v = arena.allocateFrom(value);
                int rc = (int) setenv.invokeExact(n, v, 0);
                if (rc != 0) System.getLogger(NativeSetup.class.getName()).log(System.Logger.Level.WARNING, "setenv " + name + " failed");
            }
        } catch (Throwable e) {
            // Not fatal: the engine is correct either way, only slower on a busy machine.
            System.getLogger(NativeSetup.class.getName()).log(System.Logger.Level.WARNING, "could not set " + name + ": " + e);
        }
    }
}
