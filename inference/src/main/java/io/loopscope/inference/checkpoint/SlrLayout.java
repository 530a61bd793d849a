package io.loopscope.inference.checkpoint;

import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stabilisers' tensor names and shapes beside Huginn's ({@link HuginnLayout}):
 * <pre>
 *   transformer.timestep_embedding.weight            [T, H]     a learned τ, row t − 1 for step t
 *   transformer.core_block.J.TARGET.lora_A.T         [r, in]    the delta on TARGET's W [out, in] at iteration T is B·A
 *   transformer.core_block.J.TARGET.lora_B.T         [out, r]   (TARGET: attn.Wqkv, attn.proj, mlp.fc, mlp.proj)
 * </pre>
 */
public final class SlrLayout {
    public static final String TIMESTEP = "transformer.timestep_embedding.weight";
    private static final Pattern LORA = Pattern.compile(Pattern.quote(HuginnLayout.CORE) + "(\\d+)\\.(.+)\\.lora_([AB])\\.(\\d+)");

    private SlrLayout() {
    }

    public static String loraA(int layer, LoraTarget target, int iteration) {
        return HuginnLayout.CORE + layer + "." + target.key() + ".lora_A." + iteration;
    }

    public static String loraB(int layer, LoraTarget target, int iteration) {
        return HuginnLayout.CORE + layer + "." + target.key() + ".lora_B." + iteration;
    }

    /** Whether a tensor name is one of the stabilisers' (whatever a config asks for). */
    static boolean isStabiliser(String name) {
        return name.equals(TIMESTEP) || LORA.matcher(name).matches();
    }

    /** Adds every tensor the config's stabilisers need, with its shape, to out. */
    static void required(HuginnConfig c, Map<String, long[]> out) {
        SlrConfig s = c.slr();
        if (s.timestep() == SlrConfig.Timestep.LEARNED) out.put(TIMESTEP, new long[] {s.timestepSteps(), c.hidden()});   // [T, H]
        for (int j = 0; j < c.coreLayers(); j++) {
            for (LoraTarget target : s.loraTargets()) {
                for (int t = 1; t <= s.loraSteps(); t++) {
                    out.put(loraA(j, target, t), new long[] {s.loraRank(), target.in(c)});                          // [r, in]
                    out.put(loraB(j, target, t), new long[] {target.out(c), s.loraRank()});                         // [out, r]
                }
            }
        }
    }

    /** The number of tensors the stabilisers add. */
    static long tensorCount(HuginnConfig c) {
        SlrConfig s = c.slr();
        return (s.timestep() == SlrConfig.Timestep.LEARNED ? 1 : 0) + 2L * c.coreLayers() * s.loraTargets().size() * s.loraSteps();
    }

    static SlrWeights assemble(HuginnConfig c, Function<String, INDArray> tensors) {
        SlrConfig s = c.slr();
        if (!s.any()) return SlrWeights.NONE;
        List<Map<LoraTarget, List<LoraDelta>>> lora = new ArrayList<>();
        if (s.hasLora()) {
            for (int j = 0; j < c.coreLayers(); j++) {
                Map<LoraTarget, List<LoraDelta>> layer = new EnumMap<>(LoraTarget.class);
                for (LoraTarget target : s.loraTargets()) {
                    List<LoraDelta> deltas = new ArrayList<>();
                    for (int t = 1; t <= s.loraSteps(); t++) deltas.add(new LoraDelta(tensors.apply(loraA(j, target, t)), tensors.apply(loraB(j, target, t))));
                    layer.put(target, deltas);
                }
                lora.add(layer);
            }
        }
        return new SlrWeights(s.timestep() == SlrConfig.Timestep.LEARNED ? tensors.apply(TIMESTEP) : null, lora);
    }

    static void flatten(HuginnConfig c, SlrWeights w, Map<String, INDArray> out) {
        if (w.timestep() != null) out.put(TIMESTEP, w.timestep());
        for (int j = 0; j < w.lora().size(); j++) {
            for (Map.Entry<LoraTarget, List<LoraDelta>> e : w.lora().get(j).entrySet()) {
                for (int t = 1; t <= e.getValue().size(); t++) {
                    out.put(loraA(j, e.getKey(), t), e.getValue().get(t - 1).a());
                    out.put(loraB(j, e.getKey(), t), e.getValue().get(t - 1).b());
                }
            }
        }
    }

    /**
     * Why a missing tensor was expected, when it is one of the stabilisers': the config field that
     * promises it, e.g. "slr.loop_lora_steps 4 promises a delta for iteration 3 …".
     */
    static Optional<String> promise(HuginnConfig c, String name) {
        SlrConfig s = c.slr();
        if (name.equals(TIMESTEP)) {
            return Optional.of("slr.timestep_embedding \"learned\" with timestep_steps " + s.timestepSteps() + " needs it");
        }
        Matcher m = LORA.matcher(name);
        if (!m.matches()) return Optional.empty();
        return Optional.of("slr.loop_lora_steps " + s.loraSteps() + " promises a LoRA delta (lora_" + m.group(3) + ") for iteration "
                + m.group(4) + " of " + m.group(2) + " in core layer " + m.group(1) + " (slr.loop_lora_rank " + s.loraRank() + ")");
    }
}
