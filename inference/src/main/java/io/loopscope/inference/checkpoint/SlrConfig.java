package io.loopscope.inference.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * The stabilisers of Stable Latent Reasoning (SLR) on a Huginn loop, from config.json's optional
 * {@code "slr"} object ({@link SlrConfigReader}); {@link #NONE} is plain Huginn. Step t (1-based) is
 * <pre>
 *   x   = s_{t−1} + τ_t                       τ: sinusoidal, or learned row min(t, T)
 *   h   = core_t(adapter([x; e]))             core_t: each targeted linear W gets B_t·A_t (rank r)
 *   s_t = h + α·ref                           ref = s_0 or s_{t−1}
 * </pre>
 *
 * @param timestep       the embedding τ_t added to the state before each step
 * @param timestepSteps  T of a learned τ: its rows are steps 1..T, later steps reuse row T (0 otherwise)
 * @param loraRank       r of the loop-wise LoRA; 0 = none
 * @param loraTargets    the core linears that get a delta (empty without LoRA)
 * @param loraSteps      T of the LoRA: iterations 1..T have a delta each (0 without LoRA)
 * @param loraBeyond     what iterations past loraSteps use
 * @param residual       the state added back after each step
 * @param residualScale  α, the residual's factor (1 without a residual)
 */
public record SlrConfig(Timestep timestep, int timestepSteps, int loraRank, Set<LoraTarget> loraTargets, int loraSteps,
                        LoraBeyond loraBeyond, Residual residual, double residualScale) {

    /** Plain Huginn: no stabiliser. */
    public static final SlrConfig NONE = new SlrConfig(Timestep.NONE, 0, 0, Set.of(), 0, LoraBeyond.LAST, Residual.NONE, 1);

    /** A config.json value: each constant knows its spelling there. */
    public interface Named {
        String key();
    }

    public enum Timestep implements Named {
        NONE("none"), SINUSOIDAL("sinusoidal"), LEARNED("learned");

        private final String key;

        Timestep(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    /** A core block linear a loop-wise LoRA can adapt; the key is its tensor name inside the block. */
    public enum LoraTarget implements Named {
        ATTN_WQKV("attn.Wqkv"), ATTN_PROJ("attn.proj"), MLP_FC("mlp.fc"), MLP_PROJ("mlp.proj");

        private final String key;

        LoraTarget(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        /** in of the weight W [out, in]. */
        public int in(HuginnConfig c) {
            return this == MLP_PROJ ? c.intermediate() : c.hidden();
        }

        /** out of the weight W [out, in]. */
        public int out(HuginnConfig c) {
            return switch (this) {
                case ATTN_WQKV -> c.qkvRows();
                case ATTN_PROJ, MLP_PROJ -> c.hidden();
                case MLP_FC -> 2 * c.intermediate();
            };
        }
    }

    public enum LoraBeyond implements Named {
        /** Iterations past T reuse the delta of T. */
        LAST("last"),
        /** Iterations past T run the plain core. */
        NONE("none");

        private final String key;

        LoraBeyond(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    public enum Residual implements Named {
        NONE("none"), S0("s0"), PREVIOUS("previous");

        private final String key;

        Residual(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    public SlrConfig {
        java.util.Objects.requireNonNull(timestep, "timestep");
        java.util.Objects.requireNonNull(loraBeyond, "loraBeyond");
        java.util.Objects.requireNonNull(residual, "residual");
        loraTargets = loraTargets.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(loraTargets));
        if (timestep == Timestep.LEARNED ? timestepSteps <= 0 : timestepSteps != 0) {
            throw new IllegalArgumentException(timestep == Timestep.LEARNED
                    ? "slr.timestep_steps must be > 0, got " + timestepSteps + " (a learned timestep embedding has T rows)"
                    : "slr.timestep_steps is only for a learned timestep embedding, got " + timestepSteps + " with " + timestep.key());
        }
        if (loraRank < 0) throw new IllegalArgumentException("slr.loop_lora_rank must be > 0, got " + loraRank);
        if (loraRank == 0 && (!loraTargets.isEmpty() || loraSteps != 0 || loraBeyond != LoraBeyond.LAST)) {
            throw new IllegalArgumentException("slr.loop_lora_targets, loop_lora_steps and loop_lora_beyond need a loop_lora_rank");
        }
        if (loraRank > 0 && loraTargets.isEmpty()) throw new IllegalArgumentException("slr.loop_lora_targets must name at least one linear");
        if (loraRank > 0 && loraSteps <= 0) throw new IllegalArgumentException("slr.loop_lora_steps must be > 0, got " + loraSteps);
        if (!Double.isFinite(residualScale) || residualScale == 0) {
            throw new IllegalArgumentException("slr.loop_residual_scale must be a finite non-zero number, got " + residualScale);
        }
        if (residual == Residual.NONE && residualScale != 1) {
            throw new IllegalArgumentException("slr.loop_residual_scale " + residualScale + " needs a loop_residual");
        }
    }

    /** A learned (T > 0) or sinusoidal (T = 0) timestep embedding and nothing else. */
    public static SlrConfig timestep(Timestep kind, int steps) {
        return new SlrConfig(kind, steps, 0, Set.of(), 0, LoraBeyond.LAST, Residual.NONE, 1);
    }

    /** Loop-wise LoRA of rank r on the targets for iterations 1..steps, and nothing else. */
    public static SlrConfig lora(int rank, Set<LoraTarget> targets, int steps, LoraBeyond beyond) {
        return new SlrConfig(Timestep.NONE, 0, rank, targets, steps, beyond, Residual.NONE, 1);
    }

    /** A loop residual and nothing else. */
    public static SlrConfig residual(Residual kind, double scale) {
        return new SlrConfig(Timestep.NONE, 0, 0, Set.of(), 0, LoraBeyond.LAST, kind, scale);
    }

    /** This config with another config's stabilisers added (each kind from whichever of the two has it). */
    public SlrConfig with(SlrConfig other) {
        boolean ownTimestep = timestep != Timestep.NONE, ownLora = loraRank > 0, ownResidual = residual != Residual.NONE;
        return new SlrConfig(ownTimestep ? timestep : other.timestep, ownTimestep ? timestepSteps : other.timestepSteps,
                ownLora ? loraRank : other.loraRank, ownLora ? loraTargets : other.loraTargets, ownLora ? loraSteps : other.loraSteps,
                ownLora ? loraBeyond : other.loraBeyond, ownResidual ? residual : other.residual,
                ownResidual ? residualScale : other.residualScale);
    }

    /** Whether any stabiliser is on (the model is then of family "slr"). */
    public boolean any() {
        return timestep != Timestep.NONE || loraRank > 0 || residual != Residual.NONE;
    }

    public boolean hasLora() {
        return loraRank > 0;
    }

    /** The LoRA iteration (1..T) step t uses, or 0 for none (past T with beyond "none"). */
    public int loraIteration(int step) {
        if (!hasLora()) return 0;
        if (step <= loraSteps) return step;
        return loraBeyond == LoraBeyond.LAST ? loraSteps : 0;
    }

    /** The row (1..T) of a learned τ that step t uses. */
    public int timestepRow(int step) {
        return Math.min(step, timestepSteps);
    }

    /** Short names of the stabilisers that are on, e.g. [timestep-learned, loop-lora, loop-residual-s0]. */
    public List<String> stabilisers() {
        List<String> out = new ArrayList<>();
        if (timestep != Timestep.NONE) out.add("timestep-" + timestep.key());
        if (hasLora()) out.add("loop-lora");
        if (residual != Residual.NONE) out.add("loop-residual-" + residual.key());
        return out;
    }

    /** One line for status bars and logs: "timestep learned (T 8) · loop LoRA r 4 on … · residual s0"; "none" for plain Huginn. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (timestep == Timestep.SINUSOIDAL) parts.add("timestep sinusoidal");
        if (timestep == Timestep.LEARNED) parts.add("timestep learned (T " + timestepSteps + ")");
        if (hasLora()) {
            String targets = loraTargets.size() == LoraTarget.values().length ? "all core linears"
                    : String.join(", ", loraTargets.stream().map(LoraTarget::key).toList());
            parts.add("loop LoRA r " + loraRank + " on " + targets + " (T " + loraSteps + ", then " + (loraBeyond == LoraBeyond.LAST
                    ? "the last" : "none") + ")");
        }
        if (residual != Residual.NONE) {
            parts.add("residual " + residual.key() + (residualScale == 1 ? "" : String.format(Locale.ROOT, " ×%s", residualScale)));
        }
        return parts.isEmpty() ? "none" : String.join(" · ", parts);
    }

    /**
     * The fields of config.json's "slr" object that apply, in the reader's order, as plain values
     * (String, Integer, Double, List of String); empty for NONE. The trainer's state file and a
     * trace's run description store them the same way.
     */
    @com.fasterxml.jackson.annotation.JsonValue
    public Map<String, Object> fields() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (timestep != Timestep.NONE) o.put(SlrConfigReader.TIMESTEP, timestep.key());
        if (timestep == Timestep.LEARNED) o.put(SlrConfigReader.TIMESTEP_STEPS, timestepSteps);
        if (hasLora()) {
            o.put(SlrConfigReader.LORA_RANK, loraRank);
            o.put(SlrConfigReader.LORA_TARGETS, loraTargets.stream().map(LoraTarget::key).toList());
            o.put(SlrConfigReader.LORA_STEPS, loraSteps);
            o.put(SlrConfigReader.LORA_BEYOND, loraBeyond.key());
        }
        if (residual != Residual.NONE) {
            o.put(SlrConfigReader.RESIDUAL, residual.key());
            o.put(SlrConfigReader.RESIDUAL_SCALE, residualScale);
        }
        return Collections.unmodifiableMap(o);
    }

    /** Reads {@link #fields}' object back (null or {} is NONE); a bad field fails with its name and value. */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    public static SlrConfig fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        return SlrConfigReader.parse(node, "trainer.json");
    }

    /** The constant of an enum whose config.json spelling is key, or null. */
    static <E extends Enum<E> & Named> E parse(Class<E> type, String key) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.key().equals(key)).findFirst().orElse(null);
    }

    /** "\"a\", \"b\" or \"c\"": the spellings of an enum, for messages. */
    static <E extends Enum<E> & Named> String choices(Class<E> type) {
        List<String> keys = Arrays.stream(type.getEnumConstants()).map(c -> "\"" + c.key() + "\"").toList();
        return keys.size() == 1 ? keys.getFirst() : String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.getLast();
    }
}
