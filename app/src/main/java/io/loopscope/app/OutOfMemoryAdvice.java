package io.loopscope.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What to tell a user whose training ran out of memory. ND4J's native arrays are capped by JavaCPP
 * ({@code -Dorg.bytedeco.javacpp.maxphysicalbytes}, counted against the whole process), and when the
 * cap is hit deep inside a shard thread the bare error names a LongPointer, not the cap nor the
 * checkpoint the run can resume from.
 */
final class OutOfMemoryAdvice {
    private OutOfMemoryAdvice() {
    }

    /**
     * The advice if failure was caused by running out of memory, else empty.
     *
     * @param lastCheckpoint the step of the newest complete checkpoint in out (0: none yet)
     */
    static Optional<String> explain(Throwable failure, long lastCheckpoint, Path out) {
        OutOfMemoryError oom = null;
        for (Throwable t = failure; t != null && oom == null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError e) oom = e;
        }
        if (oom == null) return Optional.empty();
        String resume = lastCheckpoint > 0
                ? String.format(Locale.ROOT, "the checkpoint of step %d in %s is complete; rerun the same command with --resume to continue from it",
                        lastCheckpoint, out)
                : "no checkpoint was written yet, so nothing is lost but the time";
        return Optional.of(String.format(Locale.ROOT,
                "out of memory (%s). Training at --hidden 96 peaks near 19 GB: raise the caps in LOOPSCOPE_JVM_OPTS, e.g. "
                        + "\"-Xmx2g -Dorg.bytedeco.javacpp.maxphysicalbytes=18g\" (native arrays count against the second), "
                        + "and run one training at a time; %s.", oom.getMessage(), resume));
    }
}
