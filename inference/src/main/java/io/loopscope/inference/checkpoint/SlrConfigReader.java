package io.loopscope.inference.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopscope.inference.checkpoint.SlrConfig.LoraBeyond;
import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import io.loopscope.inference.checkpoint.SlrConfig.Named;
import io.loopscope.inference.checkpoint.SlrConfig.Residual;
import io.loopscope.inference.checkpoint.SlrConfig.Timestep;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code "slr"} object of a Huginn-format config.json into an {@link SlrConfig}, reporting
 * every bad field by name and value. The object is LoopScope's own format, so an unknown field in it
 * is a problem (a misspelt stabiliser would otherwise vanish silently), not a warning.
 */
final class SlrConfigReader {
    /** The field of config.json that holds the stabilisers. */
    static final String FIELD = "slr";
    static final String TIMESTEP = "timestep_embedding";
    static final String TIMESTEP_STEPS = "timestep_steps";
    static final String LORA_RANK = "loop_lora_rank";
    static final String LORA_TARGETS = "loop_lora_targets";
    static final String LORA_STEPS = "loop_lora_steps";
    static final String LORA_BEYOND = "loop_lora_beyond";
    static final String RESIDUAL = "loop_residual";
    static final String RESIDUAL_SCALE = "loop_residual_scale";
    private static final List<String> FIELDS = List.of(TIMESTEP, TIMESTEP_STEPS, LORA_RANK, LORA_TARGETS, LORA_STEPS, LORA_BEYOND,
            RESIDUAL, RESIDUAL_SCALE);

    private SlrConfigReader() {
    }

    /** The stabilisers of the object f reads (NONE for an empty one), or null when it has problems (reported to f). */
    static SlrConfig read(ConfigFields f) {
        int before = f.problemCount();
        for (String name : f.names()) {
            if (!FIELDS.contains(name)) f.problem(f.label(name) + " is not an SLR field (known: " + String.join(", ", FIELDS) + ")");
        }
        Timestep timestep = choice(f, TIMESTEP, Timestep.class, Timestep.NONE);
        Integer timestepSteps = f.optionalInt(TIMESTEP_STEPS, null);
        if (timestep == Timestep.LEARNED) {
            requirePositive(f, TIMESTEP_STEPS, timestepSteps, "a learned " + TIMESTEP + " needs its number of rows T");
        } else if (timestepSteps != null && timestep != null) {
            f.problem(f.label(TIMESTEP_STEPS) + " " + timestepSteps + " is given but " + TIMESTEP + " is \"" + timestep.key()
                    + "\" (only a learned embedding has rows)");
        }

        Integer rank = f.optionalInt(LORA_RANK, null);
        Set<LoraTarget> targets = targets(f);
        Integer loraSteps = f.optionalInt(LORA_STEPS, null);
        LoraBeyond beyond = choice(f, LORA_BEYOND, LoraBeyond.class, LoraBeyond.LAST);
        boolean hasRank = f.raw(LORA_RANK) != null;
        if (hasRank) {
            if (rank != null && rank <= 0) f.problem(f.label(LORA_RANK) + " must be > 0, got " + rank + " (leave it out for no LoRA)");
            requirePositive(f, LORA_STEPS, loraSteps, LORA_RANK + " needs the number of iterations T that have their own delta");
        } else {
            for (String name : List.of(LORA_TARGETS, LORA_STEPS, LORA_BEYOND)) {
                if (f.raw(name) != null) f.problem(f.label(name) + " " + f.raw(name) + " is given but " + LORA_RANK + " is not");
            }
        }

        Residual residual = choice(f, RESIDUAL, Residual.class, Residual.NONE);
        Double scale = f.optionalDouble(RESIDUAL_SCALE);
        if (scale != null && (!Double.isFinite(scale) || scale == 0)) {
            f.problem(f.label(RESIDUAL_SCALE) + " must be a finite non-zero number, got " + scale);
        } else if (scale != null && residual == Residual.NONE) {
            f.problem(f.label(RESIDUAL_SCALE) + " " + scale + " is given but " + RESIDUAL + " is \"none\"");
        }
        if (f.problemCount() > before) return null;
        boolean lora = hasRank;
        try {
            return new SlrConfig(timestep, timestep == Timestep.LEARNED ? timestepSteps : 0, lora ? rank : 0,
                    lora ? targets : Set.of(), lora ? loraSteps : 0, lora ? beyond : LoraBeyond.LAST, residual, scale == null ? 1 : scale);
        } catch (IllegalArgumentException e) {
            f.problem(e.getMessage());   // a rule the checks above missed: still reported, by its own message
            return null;
        }
    }

    /** The targets listed (default: every core linear), or null with a problem. */
    private static Set<LoraTarget> targets(ConfigFields f) {
        JsonNode node = f.raw(LORA_TARGETS);
        if (node == null) return EnumSet.allOf(LoraTarget.class);
        String valid = SlrConfig.choices(LoraTarget.class);
        if (!node.isArray() || node.isEmpty()) {
            f.problem(f.label(LORA_TARGETS) + " must be a non-empty list of core linears (" + valid + "), got " + node);
            return null;
        }
        Set<LoraTarget> out = EnumSet.noneOf(LoraTarget.class);
        boolean ok = true;
        for (JsonNode item : node) {
            LoraTarget target = item.isTextual() ? SlrConfig.parse(LoraTarget.class, item.asText()) : null;
            if (target == null) {
                f.problem(f.label(LORA_TARGETS) + " names " + item + ", which is not a core linear LoopScope adapts (" + valid + ")");
                ok = false;
            } else if (!out.add(target)) {
                f.problem(f.label(LORA_TARGETS) + " names " + item + " twice");
                ok = false;
            }
        }
        return ok ? out : null;
    }

    private static <E extends Enum<E> & Named> E choice(ConfigFields f, String name, Class<E> type, E fallback) {
        JsonNode node = f.raw(name);
        if (node == null) return fallback;
        E value = node.isTextual() ? SlrConfig.parse(type, node.asText()) : null;
        if (value == null) f.problem(f.label(name) + " " + node + " is not one of " + SlrConfig.choices(type));
        return value;
    }

    private static void requirePositive(ConfigFields f, String name, Integer value, String why) {
        if (f.hasProblemAbout(name)) return;
        if (value == null) f.problem(f.label(name) + " is missing (" + why + ")");
        else if (value <= 0) f.problem(f.label(name) + " must be > 0, got " + value);
    }

    /**
     * The stabilisers of a stand-alone "slr" object (the trainer's own state file), NONE for an empty one.
     *
     * @throws IllegalArgumentException naming every bad field
     */
    static SlrConfig parse(JsonNode node, String source) {
        if (node == null || node.isNull()) return SlrConfig.NONE;
        if (!node.isObject()) throw new IllegalArgumentException(source + ": " + FIELD + " must be an object, got " + node);
        ConfigFields root = new ConfigFields(node, source);
        SlrConfig config = read(root.nested(FIELD, node));
        try {
            root.throwIfProblems();
        } catch (CheckpointException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return config;
    }
}
