package io.loopscope.inference.trace;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The description of one recorded run, stored as meta.json inside a trace NPZ.
 *
 * @param model          the model's display name (its folder name, or {@link #EMBEDDED})
 * @param modelPath      the folder the model was loaded from (for the embedded model, its extracted copy), or null
 * @param config         a summary of the architecture (field name → value)
 * @param iterations     R, the number of loop iterations recorded (states has R+1 steps)
 * @param init           how s0 was made: "random", "zeros" or "file"
 * @param initFile       the .npy that held s0 when init is "file", else null
 * @param seed           the seed of a random s0, else null
 * @param topK           K of the recorded logit-lens top-k
 * @param tokens         the display string of every token, in order
 * @param normEps        RMSNorm epsilon, so ln_f can be re-applied by readers
 * @param exitThresholds threshold per exit criterion used for exit_steps
 * @param exitSteps      per criterion, per token, the first step (1..R) it fired, or null when it never did
 * @param timingsMs      wall times of the run's phases in milliseconds
 * @param label          a free label for grouping traces (e.g. a task or category), or null
 * @param version        the LoopScope version that wrote the trace
 */
public record RunInfo(
        String model,
        String modelPath,
        Map<String, Object> config,
        int iterations,
        String init,
        String initFile,
        Long seed,
        int topK,
        List<String> tokens,
        double normEps,
        Map<String, Double> exitThresholds,
        Map<String, List<Integer>> exitSteps,
        Map<String, Double> timingsMs,
        String label,
        String version) {

    /** The name of the model LoopScope ships, whichever folder it was extracted to. */
    public static final String EMBEDDED = "embedded";

    public RunInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(init, "init");
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        config = ordered(config);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        exitThresholds = ordered(exitThresholds);
        exitSteps = ordered(exitSteps);
        timingsMs = ordered(timingsMs);
    }

    /** An unmodifiable copy that keeps the caller's order (meta.json should read in a stable order). */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }
}
