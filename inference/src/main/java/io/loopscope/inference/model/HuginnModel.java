package io.loopscope.inference.model;

import io.loopscope.inference.checkpoint.BlockWeights;
import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnWeights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Huginn-style recurrent-depth transformer, read top to bottom:
 * <pre>
 *   e   = prelude(wte[ids] · √H)                     [S, H]   the injected input
 *   s_0 = init                                       [S, H]
 *   s_i = core(adapter([s_{i-1}; e]))   i = 1..r     [S, H]   the loop
 *   decode(s) = lm_head(ln_f(coda(ln_f(s))))        [S, V]   also the logit lens of any s_i
 * </pre>
 * With SLR's stabilisers (family "slr", {@link io.loopscope.inference.checkpoint.SlrConfig}) step i is
 * <pre>
 *   x   = s_{i-1} + τ_i                              [S, H]   timestep embedding
 *   h   = core_i(adapter([x; e]))                    [S, H]   core_i: W·x + B_i·(A_i·x) on the targeted linears
 *   s_i = h + α·ref,  ref = s_0 | s_{i-1}            [S, H]   loop residual
 * </pre>
 * Every method is a pure function of its inputs (no state kept between calls). Each pass through
 * blocks runs in a per-thread workspace ({@link Scratch}): its intermediates are reclaimed when it returns.
 */
public final class HuginnModel implements LoopedModel {
    private final HuginnConfig config;
    private final Linear wte;          // [V, H]
    private final Linear adapterState; // [H, H]  adapter columns that read the state
    private final Linear adapterInput; // [H, H]  adapter columns that read the embedding
    private final Linear lmHead;       // [V, H]
    private final RmsNorm lnF;
    private final INDArray lnFWeight; // [H]
    private final List<SandwichBlock> prelude, core, coda;
    private final LoopStabilisers stabilisers;

    public HuginnModel(HuginnConfig config, HuginnWeights weights) {
        this.config = config;
        Rope rope = new Rope(config.headDim(), config.ropeBase(), config.blockSize());
        this.wte = Linear.of(weights.wte());
        // adapter([s; e]) = s·A_sᵀ + e·A_eᵀ (views, no copy): e's half is the same every iteration, so recur() computes it once.
        int h = config.hidden();
        Linear adapter = Linear.of(weights.adapter());
        this.adapterState = adapter.columns(0, h);
        this.adapterInput = adapter.columns(h, 2L * h);
        this.lmHead = weights.lmHead() == null || weights.lmHead() == weights.wte() ? wte : Linear.of(weights.lmHead());
        this.lnFWeight = weights.lnF();
        this.lnF = new RmsNorm(weights.lnF(), config.normEps());
        this.prelude = blocks(weights.prelude(), rope);
        this.core = blocks(weights.core(), rope);
        this.coda = blocks(weights.coda(), rope);
        this.stabilisers = new LoopStabilisers(config, weights.slr());
    }

    private List<SandwichBlock> blocks(List<BlockWeights> weights, Rope rope) {
        return weights.stream()
                .map(w -> new SandwichBlock(w, config.heads(), config.kvHeads(), config.headDim(), config.normEps(), rope))
                .toList();
    }

    public HuginnConfig config() {
        return config;
    }

    @Override
    public String family() {
        return config.slr().any() ? "slr" : "huginn";
    }

    @Override
    public int hidden() {
        return config.hidden();
    }

    @Override
    public int vocab() {
        return config.vocab();
    }

    @Override
    public int contextLength() {
        return config.blockSize();
    }

    @Override
    public int defaultIterations() {
        return config.meanRecurrence();
    }

    @Override
    public Map<String, Object> summary() {
        HuginnConfig c = config;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family());
        m.put("n_embd", c.hidden());
        m.put("num_attention_heads", c.heads());
        m.put("num_key_value_heads", c.kvHeads());
        m.put("intermediate_size", c.intermediate());
        m.put("vocab_size", c.vocab());
        m.put("n_layers_in_prelude", c.preludeLayers());
        m.put("n_layers_in_recurrent_block", c.coreLayers());
        m.put("n_layers_in_coda", c.codaLayers());
        m.put("block_size", c.blockSize());
        m.put("mean_recurrence", c.meanRecurrence());
        m.put("rope_base", c.ropeBase());
        m.put("norm_eps", c.normEps());
        m.put("parameters", c.parameterCount());
        if (c.slr().any()) {
            m.put("stabilisers", c.slr().stabilisers());
            c.slr().fields().forEach((field, value) -> m.put("slr." + field, value));   // config.json's names: a trace says exactly what ran
        }
        return m;
    }

    @Override
    public String describe() {
        String plain = "H " + config.hidden() + " · prelude/core/coda " + config.preludeLayers() + "/" + config.coreLayers() + "/"
                + config.codaLayers() + " · vocab " + config.vocab();
        return config.slr().any() ? "SLR (" + config.slr().describe() + ") · " + plain : plain;
    }

    /** The adapter over [s; e] plus every core block (matmuls and attention). */
    @Override
    public double stepFlops(int s) {
        double h = config.hidden(), i = config.intermediate();
        double adapter = 2.0 * s * (2 * h) * h;
        double attention = 2.0 * s * h * config.qkvRows() + 2.0 * s * h * h + 2.0 * 2.0 * s * s * h;
        double mlp = 2.0 * s * h * (2 * i) + 2.0 * s * i * h;
        double lora = 0;   // x·Aᵀ then ·Bᵀ: 2·r·(in + out) per position and target
        for (var t : config.slr().loraTargets()) lora += 2.0 * s * config.slr().loraRank() * (t.in(config) + t.out(config));
        return adapter + config.coreLayers() * (attention + mlp + lora);
    }

    @Override
    public java.util.Optional<LatentNorm> latentNorm() {
        return java.util.Optional.of(new LatentNorm(lnFWeight.castTo(DataType.FLOAT).dup('c').data().asFloat(), config.normEps()));
    }

    /** Token embeddings scaled by √H: ids [S] → [S, H]. */
    public INDArray embedTokens(long[] ids) {
        checkLength(ids.length);
        for (long id : ids) {
            if (id < 0 || id >= config.vocab()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + config.vocab() + ")");
            }
        }
        return wte.gather(toInts(ids)).muli(config.embedScale()); // [S, H], one new array: no scratch needed
    }

    /** The injected input e = prelude(embedTokens(ids)) [S, H]. */
    @Override
    public INDArray embed(long[] ids) {
        return prelude(embedTokens(ids));
    }

    /** Runs the prelude blocks on already scaled embeddings [S, H]. */
    public INDArray prelude(INDArray embeddings) {
        return Scratch.run(() -> runBlocks(prelude, embeddings));
    }

    /** One iteration of the loop: s_i = core(adapter([s_{i-1}; e])). state, e, s0 [S, H] → [S, H]. */
    @Override
    public INDArray step(INDArray state, INDArray e, INDArray s0, int step, LayerListener layers) {
        return stepInjected(state, inputInjection(e), s0, step, layers);
    }

    /** e·A_eᵀ [S, H]: the embedding's share of the adapter, constant across iterations. */
    private INDArray inputInjection(INDArray e) {
        return adapterInput.apply(e);
    }

    /**
     * Step {@code step} from state with e's share of the adapter given; layers (when given) hears each
     * core block's output [S, H], the last one after the loop residual, so it equals the step's state.
     */
    private INDArray stepInjected(INDArray state, INDArray injection, INDArray s0, int step, LayerListener layers) {
        checkStep(step, s0);
        return Scratch.run(() -> {
            INDArray x = stabilisers.enter(state, step);                                // s_{i-1} + τ_i  [S, H]
            INDArray h = adapterState.apply(x).addi(injection);                          // adapter([x; e]) [S, H]
            for (int j = 0; j < core.size(); j++) {
                h = core.get(j).apply(h, stabilisers.delta(j, step));
                if (j == core.size() - 1) h = stabilisers.leave(h, state, s0);           // + α·ref        [S, H]
                if (layers != null) layers.onLayer(step, j, h);
            }
            return h;
        });
    }

    private static void checkStep(int step, INDArray s0) {
        if (step < 1) throw new IllegalArgumentException("loop steps count from 1, got " + step);
        java.util.Objects.requireNonNull(s0, "s0, the state the loop started from");
    }

    @Override
    public int loopLayers() {
        return core.size();
    }

    /** r iterations from s0 (s0, e [S, H]) with e's share of the adapter computed once; see {@link LoopedModel#recur}. */
    @Override
    public INDArray recur(INDArray s0, INDArray e, int iterations, StepListener listener, LayerListener layers) {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        requireSameShape(s0, e);
        INDArray injection = inputInjection(e);
        INDArray state = s0;
        listener.onStep(0, state);
        for (int i = 1; i <= iterations; i++) {
            state = stepInjected(state, injection, s0, i, layers);
            listener.onStep(i, state);
        }
        return state;
    }

    /** ln_f(s) [S, H]: the latent the real model returns, and the space the paper plots. */
    @Override
    public INDArray normalizedLatent(INDArray state) {
        return lnF.apply(state);
    }

    /** lm_head(ln_f(s)) [S, V]: the head without the coda (a published study found the two lenses read different layers). */
    @Override
    public java.util.Optional<INDArray> logitLens(INDArray state) {
        return java.util.Optional.of(Scratch.run(() -> lmHead.apply(lnF.apply(state))));
    }

    /** Logits lm_head(ln_f(coda(ln_f(s)))): state [S, H] → [S, V]. */
    @Override
    public INDArray decode(INDArray state) {
        return Scratch.run(() -> {
            INDArray x = runBlocks(coda, lnF.apply(state)); // [S, H]
            return lmHead.apply(lnF.apply(x));
        });
    }

    // ---- cached decoding. Slots: prelude layer j → j; core layer j at loop step k → P + C·(k−1) + j;
    // coda layer j → P + C·maxSteps + j. K/V are per slot and position (see KvCache).

    @Override
    public KvCache newCache(int positions, int maxSteps, KvSharing sharing) {
        if (positions > config.blockSize()) {
            throw new IllegalArgumentException(positions + " positions exceed the model's context (block_size) of " + config.blockSize());
        }
        int slots = prelude.size() + core.size() * maxSteps + coda.size();
        return new KvCache(slots, positions, config.kvHeads() * config.headDim(), maxSteps, sharing);
    }

    @Override
    public INDArray embedAt(KvCache cache, long[] ids, int position) {
        INDArray x = embedTokens(ids);
        return Scratch.run(() -> {
            INDArray h = x;
            for (int j = 0; j < prelude.size(); j++) {
                int slot = j;
                h = prelude.get(j).applyCached(h, position, cache, slot, t -> slot);
            }
            return h;
        });
    }

    @Override
    public INDArray stepAt(KvCache cache, INDArray state, INDArray e, INDArray s0, int position, int step) {
        if (step < 1 || step > cache.maxSteps()) throw new IllegalArgumentException("loop step " + step + " is outside 1.." + cache.maxSteps());
        checkStep(step, s0);
        return Scratch.run(() -> {
            INDArray x = stabilisers.enter(state, step);                                          // [n, H]
            INDArray h = adapterState.apply(x).addi(inputInjection(e));                          // [n, H]
            for (int j = 0; j < core.size(); j++) {
                int layer = j;
                h = core.get(j).applyCached(h, position, cache, coreSlot(layer, step), t -> {
                    int k = cache.visibleStep(t, step);
                    return k < 0 ? -1 : coreSlot(layer, k);
                }, stabilisers.delta(j, step));
            }
            return stabilisers.leave(h, state, s0);
        });
    }

    @Override
    public INDArray decodeAt(KvCache cache, INDArray state, int position) {
        int first = prelude.size() + core.size() * cache.maxSteps();
        return Scratch.run(() -> {
            INDArray h = lnF.apply(state);
            for (int j = 0; j < coda.size(); j++) {
                int slot = first + j;
                h = coda.get(j).applyCached(h, position, cache, slot, t -> slot);
            }
            return lmHead.apply(lnF.apply(h)); // [n, V]
        });
    }

    private int coreSlot(int layer, int step) {
        return prelude.size() + core.size() * (step - 1) + layer;
    }

    private static INDArray runBlocks(List<SandwichBlock> blocks, INDArray x) {
        for (SandwichBlock block : blocks) x = block.apply(x);
        return x;
    }

    private void checkLength(int tokens) {
        if (tokens == 0) throw new IllegalArgumentException("the input has no tokens");
        if (tokens > config.blockSize()) {
            throw new IllegalArgumentException("the input has " + tokens + " tokens but the model's context (block_size) is "
                    + config.blockSize());
        }
    }

    private void requireSameShape(INDArray s0, INDArray e) {
        if (!java.util.Arrays.equals(s0.shape(), e.shape())) {
            throw new IllegalArgumentException("s0 has shape " + java.util.Arrays.toString(s0.shape())
                    + " but the input embedding has " + java.util.Arrays.toString(e.shape()));
        }
        if (s0.dataType() != DataType.FLOAT) throw new IllegalArgumentException("s0 must be float32, got " + s0.dataType());
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = Math.toIntExact(ids[i]);
        return out;
    }
}
