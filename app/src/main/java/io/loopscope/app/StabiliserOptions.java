package io.loopscope.app;

import io.loopscope.inference.checkpoint.SlrConfig;
import io.loopscope.inference.checkpoint.SlrConfig.LoraBeyond;
import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import io.loopscope.inference.checkpoint.SlrConfig.Residual;
import io.loopscope.inference.checkpoint.SlrConfig.Timestep;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code train}'s SLR stabilisers (a picocli mixin): {@code --timestep sinusoidal|learned},
 * {@code --loop-lora RANK [--loop-lora-targets …] [--loop-lora-beyond last|none]},
 * {@code --loop-residual s0|previous[:SCALE]} and {@code --loop-steps T}. None given: plain Huginn.
 */
final class StabiliserOptions {
    @Option(names = "--timestep", paramLabel = "KIND",
            description = "Add a timestep embedding to the state before each loop step: sinusoidal, or learned (T rows, later steps reuse the last).")
    String timestep;

    @Option(names = "--loop-lora", paramLabel = "RANK", description = "Loop-wise LoRA: a rank-RANK delta on the core linears for each of iterations 1..T.")
    Integer loraRank;

    @Option(names = "--loop-lora-targets", paramLabel = "LIST",
            description = "The core linears the LoRA adapts, comma-separated (default: all of attn.Wqkv, attn.proj, mlp.fc, mlp.proj).")
    String loraTargets;

    @Option(names = "--loop-lora-beyond", paramLabel = "last|none",
            description = "What iterations past T use: the last delta (default), or none.")
    String loraBeyond;

    @Option(names = "--loop-residual", paramLabel = "KIND[:SCALE]",
            description = "Add the loop's start (s0) or the previous state (previous) to each step's output, optionally scaled (e.g. s0:0.5).")
    String residual;

    @Option(names = "--loop-steps", paramLabel = "T",
            description = "Iterations with their own learned timestep row and LoRA delta (default: the mean recurrence, rounded).")
    Integer steps;

    /**
     * The stabilisers asked for (NONE when none is), with T defaulting to the mean recurrence.
     *
     * @throws IllegalArgumentException naming the option and the value it cannot use
     */
    SlrConfig toSlr(double meanRecurrence) {
        if (steps != null && steps <= 0) throw new IllegalArgumentException("--loop-steps must be > 0, got " + steps);
        int t = steps != null ? steps : (int) Math.max(1, Math.round(meanRecurrence));
        Timestep kind = timestep == null ? Timestep.NONE : choice("--timestep", timestep, Timestep.class, List.of(Timestep.SINUSOIDAL, Timestep.LEARNED));
        SlrConfig slr = SlrConfig.timestep(kind, kind == Timestep.LEARNED ? t : 0);
        if (loraRank == null) {
            if (loraTargets != null) throw new IllegalArgumentException("--loop-lora-targets needs --loop-lora RANK");
            if (loraBeyond != null) throw new IllegalArgumentException("--loop-lora-beyond needs --loop-lora RANK");
        } else {
            if (loraRank <= 0) throw new IllegalArgumentException("--loop-lora must be a rank > 0, got " + loraRank);
            LoraBeyond beyond = loraBeyond == null ? LoraBeyond.LAST : choice("--loop-lora-beyond", loraBeyond, LoraBeyond.class, List.of(LoraBeyond.values()));
            slr = slr.with(SlrConfig.lora(loraRank, targets(), t, beyond));
        }
        if (residual != null) slr = slr.with(residual());
        if (steps != null && kind != Timestep.LEARNED && loraRank == null) {
            throw new IllegalArgumentException("--loop-steps " + steps + " needs --timestep learned or --loop-lora (nothing else has per-step parameters)");
        }
        return slr;
    }

    private Set<LoraTarget> targets() {
        if (loraTargets == null) return EnumSet.allOf(LoraTarget.class);
        Set<LoraTarget> out = EnumSet.noneOf(LoraTarget.class);
        for (String name : loraTargets.split(",", -1)) {
            LoraTarget target = java.util.Arrays.stream(LoraTarget.values()).filter(v -> v.key().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--loop-lora-targets: \"" + name.trim() + "\" is not a core linear; "
                            + "choose from attn.Wqkv, attn.proj, mlp.fc, mlp.proj"));
            if (!out.add(target)) throw new IllegalArgumentException("--loop-lora-targets names " + target.key() + " twice");
        }
        return out;
    }

    private SlrConfig residual() {
        String[] parts = residual.split(":", -1);
        if (parts.length > 2) throw new IllegalArgumentException("--loop-residual \"" + residual + "\": expected s0 or previous, optionally :SCALE (e.g. s0:0.5)");
        Residual kind = choice("--loop-residual", parts[0], Residual.class, List.of(Residual.S0, Residual.PREVIOUS));
        double scale = 1;
        if (parts.length == 2) {
            try {
                scale = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--loop-residual \"" + residual + "\": the scale \"" + parts[1] + "\" is not a number");
            }
            if (!Double.isFinite(scale) || scale == 0) {
                throw new IllegalArgumentException("--loop-residual \"" + residual + "\": the scale must be a finite non-zero number");
            }
        }
        return SlrConfig.residual(kind, scale);
    }

    private static <E extends Enum<E> & SlrConfig.Named> E choice(String option, String value, Class<E> type, List<E> allowed) {
        for (E e : allowed) if (e.key().equals(value.trim().toLowerCase(Locale.ROOT))) return e;
        throw new IllegalArgumentException(option + " \"" + value + "\" is not one of " + String.join(", ", allowed.stream().map(SlrConfig.Named::key).toList()));
    }
}
