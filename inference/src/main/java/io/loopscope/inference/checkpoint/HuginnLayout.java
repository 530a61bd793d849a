package io.loopscope.inference.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Huginn-0125's tensor names and the shape each must have for a given config — the one place that
 * knows how a checkpoint's flat name → tensor map becomes {@link HuginnWeights} and back.
 */
public final class HuginnLayout {
    public static final String WTE = "transformer.wte.weight";
    public static final String ADAPTER = "transformer.adapter.weight";
    public static final String LN_F = "transformer.ln_f.weight";
    public static final String LM_HEAD = "lm_head.weight";
    /** A precomputed RoPE table some checkpoints carry; LoopScope recomputes RoPE from rope_base. */
    public static final String FREQS_CIS = "freqs_cis";

    public static final String PRELUDE = "transformer.prelude.";
    public static final String CORE = "transformer.core_block.";
    public static final String CODA = "transformer.coda.";

    private HuginnLayout() {
    }

    /**
     * Every tensor the config requires, in checkpoint order, with its shape — the stabilisers' ones
     * ({@link SlrLayout}) last. lm_head and freqs_cis are optional.
     */
    public static Map<String, long[]> required(HuginnConfig c) {
        long h = c.hidden();
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put(WTE, new long[] {c.vocab(), h});                       // [V, H]
        blocks(c, PRELUDE, c.preludeLayers(), out);
        out.put(ADAPTER, new long[] {h, 2 * h});                        // [H, 2H] over [state; embedding]
        blocks(c, CORE, c.coreLayers(), out);
        blocks(c, CODA, c.codaLayers(), out);
        out.put(LN_F, new long[] {h});                                  // [H]
        SlrLayout.required(c, out);
        return out;
    }

    /** The shape lm_head.weight must have when it is stored. */
    public static long[] lmHeadShape(HuginnConfig c) {
        return new long[] {c.vocab(), c.hidden()};                      // [V, H]
    }

    private static void blocks(HuginnConfig c, String prefix, int count, Map<String, long[]> out) {
        long h = c.hidden();
        for (int i = 0; i < count; i++) {
            String p = prefix + i + ".";
            for (int n = 1; n <= 4; n++) out.put(p + "norm_" + n + ".weight", new long[] {h});     // [H]
            out.put(p + "attn.Wqkv.weight", new long[] {c.qkvRows(), h});                            // [(nh+2nkv)·hd, H]
            if (c.qkBias()) out.put(p + "attn.qk_bias", new long[] {2, 1, c.heads(), c.headDim()}); // [2, 1, nh, hd]
            out.put(p + "attn.proj.weight", new long[] {h, h});                                      // [H, H]
            out.put(p + "mlp.fc.weight", new long[] {2L * c.intermediate(), h});                     // [2I, H] gate, up
            out.put(p + "mlp.proj.weight", new long[] {h, c.intermediate()});                        // [H, I]
        }
    }

    /** Builds the weights from tensors looked up by name; lm_head falls back to wte (tied) when absent. */
    /**
     * Whether a tensor is kept in its stored dtype when it is BF16: the matrices every product reads
     * (embedding, adapter, the blocks' linears, head), when the JVM has the Vector API that multiplies
     * by them in place. Norms, biases and stabilisers are small and always widen to float32.
     */
    public static boolean usedInPlace(String name) {
        boolean linear = name.equals(WTE) || name.equals(LM_HEAD) || name.equals(ADAPTER) || name.endsWith(".attn.Wqkv.weight")
                || name.endsWith(".attn.proj.weight") || name.endsWith(".mlp.fc.weight") || name.endsWith(".mlp.proj.weight");
        return linear && vectorApi();
    }

    /** The Vector API is an incubator module: present only when the JVM runs with --add-modules jdk.incubator.vector. */
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Whether BF16 weights can be multiplied in place (the kernel needs the Vector API); every family's layout asks here. */
    static boolean vectorApi() {
        return VECTOR_API;
    }

    public static HuginnWeights assemble(HuginnConfig c, Function<String, INDArray> tensors) {
        INDArray wte = tensors.apply(WTE);
        INDArray lmHead = tensors.apply(LM_HEAD);
        return new HuginnWeights(wte,
                blockList(c, PRELUDE, c.preludeLayers(), tensors),
                tensors.apply(ADAPTER),
                blockList(c, CORE, c.coreLayers(), tensors),
                blockList(c, CODA, c.codaLayers(), tensors),
                tensors.apply(LN_F),
                lmHead != null ? lmHead : wte,
                SlrLayout.assemble(c, tensors));
    }

    private static List<BlockWeights> blockList(HuginnConfig c, String prefix, int count, Function<String, INDArray> t) {
        List<BlockWeights> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String p = prefix + i + ".";
            out.add(new BlockWeights(t.apply(p + "norm_1.weight"), t.apply(p + "norm_2.weight"), t.apply(p + "norm_3.weight"),
                    t.apply(p + "norm_4.weight"), t.apply(p + "attn.Wqkv.weight"), c.qkBias() ? t.apply(p + "attn.qk_bias") : null,
                    t.apply(p + "attn.proj.weight"), t.apply(p + "mlp.fc.weight"), t.apply(p + "mlp.proj.weight")));
        }
        return out;
    }

    /**
     * The weights as a name → tensor map in checkpoint order. lm_head is included only when it is a
     * separate array (an untied head, or a tied config whose head was nonetheless replaced).
     */
    public static Map<String, INDArray> flatten(HuginnConfig c, HuginnWeights w) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(WTE, w.wte());
        flattenBlocks(PRELUDE, w.prelude(), out);
        out.put(ADAPTER, w.adapter());
        flattenBlocks(CORE, w.core(), out);
        flattenBlocks(CODA, w.coda(), out);
        out.put(LN_F, w.lnF());
        if (w.lmHead() != null && w.lmHead() != w.wte()) out.put(LM_HEAD, w.lmHead());
        if (!c.tieEmbeddings() && !out.containsKey(LM_HEAD)) out.put(LM_HEAD, w.wte());   // untied: the head must be stored
        SlrLayout.flatten(c, w.slr(), out);
        return out;
    }

    private static void flattenBlocks(String prefix, List<BlockWeights> blocks, Map<String, INDArray> out) {
        for (int i = 0; i < blocks.size(); i++) {
            String p = prefix + i + ".";
            BlockWeights b = blocks.get(i);
            out.put(p + "norm_1.weight", b.norm1());
            out.put(p + "norm_2.weight", b.norm2());
            out.put(p + "norm_3.weight", b.norm3());
            out.put(p + "norm_4.weight", b.norm4());
            out.put(p + "attn.Wqkv.weight", b.wqkv());
            if (b.qkBias() != null) out.put(p + "attn.qk_bias", b.qkBias());
            out.put(p + "attn.proj.weight", b.proj());
            out.put(p + "mlp.fc.weight", b.fc());
            out.put(p + "mlp.proj.weight", b.mlpProj());
        }
    }
}
