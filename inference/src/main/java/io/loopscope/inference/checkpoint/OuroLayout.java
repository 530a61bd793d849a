package io.loopscope.inference.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Ouro's tensor names (Hugging Face OuroForCausalLM) and the shape each must have for a config. */
public final class OuroLayout {
    public static final String EMBED = "model.embed_tokens.weight";
    public static final String NORM = "model.norm.weight";
    public static final String GATE_WEIGHT = "model.early_exit_gate.weight";
    public static final String GATE_BIAS = "model.early_exit_gate.bias";
    public static final String LM_HEAD = "lm_head.weight";
    static final String LAYER = "model.layers.";

    private OuroLayout() {
    }

    /** Every tensor the config requires, with its shape; lm_head only when untied. */
    public static Map<String, long[]> required(OuroConfig c) {
        long h = c.hidden();
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put(EMBED, new long[] {c.vocab(), h});
        for (int i = 0; i < c.layers(); i++) {
            String p = LAYER + i + ".";
            out.put(p + "self_attn.q_proj.weight", new long[] {c.qWidth(), h});
            out.put(p + "self_attn.k_proj.weight", new long[] {c.kvWidth(), h});
            out.put(p + "self_attn.v_proj.weight", new long[] {c.kvWidth(), h});
            out.put(p + "self_attn.o_proj.weight", new long[] {h, c.qWidth()});
            out.put(p + "mlp.gate_proj.weight", new long[] {c.intermediate(), h});
            out.put(p + "mlp.up_proj.weight", new long[] {c.intermediate(), h});
            out.put(p + "mlp.down_proj.weight", new long[] {h, c.intermediate()});
            for (String norm : List.of("input_layernorm", "input_layernorm_2", "post_attention_layernorm", "post_attention_layernorm_2")) {
                out.put(p + norm + ".weight", new long[] {h});
            }
        }
        out.put(NORM, new long[] {h});
        out.put(GATE_WEIGHT, new long[] {1, h});
        out.put(GATE_BIAS, new long[] {1});
        if (!c.tieEmbeddings()) out.put(LM_HEAD, new long[] {c.vocab(), h});
        return out;
    }

    /** Rows stacked in the parts' dtype when they share one, else as float32 (a checkpoint may mix dtypes). */
    private static INDArray stack(INDArray... parts) {
        boolean same = java.util.Arrays.stream(parts).map(INDArray::dataType).distinct().count() == 1;
        if (same) return Nd4j.vstack(parts);
        INDArray[] wide = java.util.Arrays.stream(parts).map(a -> a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)).toArray(INDArray[]::new);
        return Nd4j.vstack(wide);
    }

    /**
     * The BF16 tensors the engine multiplies by in place: every linear weight, the embedding and the head
     * (q/k/v and gate/up are stacked into fused BF16 blocks). Norms and the gate are small and widen.
     */
    public static boolean usedInPlace(String name) {
        boolean linear = name.equals(EMBED) || name.equals(LM_HEAD) || (name.startsWith(LAYER) && name.endsWith("_proj.weight"));
        return linear && HuginnLayout.vectorApi();
    }

    /** The weights from tensors looked up by name; q/k/v and gate/up are stacked by rows into the engine's fused form. */
    public static OuroWeights assemble(OuroConfig c, Function<String, INDArray> t) {
        return assemble(c, t, part -> { });
    }

    /**
     * As {@link #assemble(OuroConfig, Function)}; each q/k/v and gate/up tensor goes to release once it
     * is stacked, so a loader can free it at once instead of holding every layer twice.
     */
    public static OuroWeights assemble(OuroConfig c, Function<String, INDArray> t, java.util.function.Consumer<INDArray> release) {
        List<BlockWeights> layers = new ArrayList<>(c.layers());
        for (int i = 0; i < c.layers(); i++) {
            String p = LAYER + i + ".";
            INDArray[] qkvParts = {t.apply(p + "self_attn.q_proj.weight"), t.apply(p + "self_attn.k_proj.weight"), t.apply(p + "self_attn.v_proj.weight")};
            INDArray[] fcParts = {t.apply(p + "mlp.gate_proj.weight"), t.apply(p + "mlp.up_proj.weight")};
            INDArray qkv = stack(qkvParts);                          // [(nh + 2nkv)·hd, H]
            INDArray fc = stack(fcParts);                            // [2I, H]
            for (INDArray part : qkvParts) release.accept(part);
            for (INDArray part : fcParts) release.accept(part);
            // the engine's norm_1..4: before attention, on its output, before the MLP, on its output
            layers.add(new BlockWeights(t.apply(p + "input_layernorm.weight"), t.apply(p + "input_layernorm_2.weight"),
                    t.apply(p + "post_attention_layernorm.weight"), t.apply(p + "post_attention_layernorm_2.weight"),
                    qkv, null, t.apply(p + "self_attn.o_proj.weight"), fc, t.apply(p + "mlp.down_proj.weight")));
        }
        INDArray embed = t.apply(EMBED);
        INDArray head = t.apply(LM_HEAD);                                   // absent when tied (or stored as a copy)
        return new OuroWeights(embed, layers, t.apply(NORM), t.apply(GATE_WEIGHT), t.apply(GATE_BIAS), head != null ? head : embed);
    }
}
