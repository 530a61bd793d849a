package io.loopscope.inference.model;

import io.loopscope.inference.checkpoint.OuroConfig;
import io.loopscope.inference.checkpoint.OuroWeights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Ouro's loop: the whole decoder stack is the loop body.
 * <pre>
 *   s_0 = embed(ids)                                   [S, H]   (no s0 to choose: the loop starts at the tokens)
 *   s_t = norm(layers(s_{t-1}))           t = 1..T     [S, H]   (what loop t+1 reads)
 *   lens_t = lm_head(s_t)                              [S, V]
 *   λ_t = sigmoid(gate(s_t))                           [S]      the exit gate
 * </pre>
 * Layers put the norm on each branch with the residual outside, and RoPE rotates split halves.
 * KV slots: layer l at loop t → (t − 1)·L + l.
 */
public final class OuroModel implements LoopedModel {
    private final OuroConfig config;
    private final Linear embed;        // [V, H]
    private final Linear lmHead;       // [V, H]
    private final INDArray gateWeight; // [1, H]
    private final double gateBias;
    private final RmsNorm norm;
    private final List<SandwichBlock> layers;

    public OuroModel(OuroConfig config, OuroWeights weights) {
        this.config = config;
        this.embed = Linear.of(weights.embed());
        this.lmHead = weights.lmHead() == weights.embed() ? embed : Linear.of(weights.lmHead());
        this.gateWeight = weights.gateWeight();
        this.gateBias = weights.gateBias().getDouble(0);
        this.norm = new RmsNorm(weights.norm(), config.normEps());
        Rope rope = new Rope(config.headDim(), config.ropeTheta(), config.maxPositions(), Rope.Style.HALVES);
        this.layers = weights.layers().stream().map(w -> new SandwichBlock(w, config.heads(), config.kvHeads(), config.headDim(),
                config.normEps(), rope, SandwichBlock.NormPlacement.ON_BRANCH)).toList();
    }

    public OuroConfig config() {
        return config;
    }

    @Override
    public String family() {
        return "ouro";
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
        return config.maxPositions();
    }

    /** The loops it was trained with; more extrapolate. */
    @Override
    public int defaultIterations() {
        return config.totalUtSteps();
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family());
        m.put("hidden_size", config.hidden());
        m.put("num_attention_heads", config.heads());
        m.put("num_key_value_heads", config.kvHeads());
        m.put("head_dim", config.headDim());
        m.put("intermediate_size", config.intermediate());
        m.put("num_hidden_layers", config.layers());
        m.put("vocab_size", config.vocab());
        m.put("max_position_embeddings", config.maxPositions());
        m.put("total_ut_steps", config.totalUtSteps());
        m.put("early_exit_threshold", config.exitThreshold());
        m.put("rope_theta", config.ropeTheta());
        m.put("rms_norm_eps", config.normEps());
        return m;
    }

    @Override
    public String describe() {
        return "Ouro · H " + config.hidden() + " · " + config.layers() + " looped layers · trained for " + config.totalUtSteps()
                + " loops · vocab " + config.vocab();
    }

    /** Every layer of the stack (matmuls and attention) and the final norm's negligible share. */
    @Override
    public double stepFlops(int s) {
        double h = config.hidden(), i = config.intermediate(), q = config.qWidth(), kv = config.kvWidth();
        double attention = 2.0 * s * h * (q + 2 * kv) + 2.0 * s * q * h + 2.0 * 2.0 * s * s * q;
        double mlp = 2.0 * s * h * (2 * i) + 2.0 * s * i * h;
        return config.layers() * (attention + mlp);
    }

    @Override
    public INDArray embed(long[] ids) {
        if (ids.length == 0) throw new IllegalArgumentException("the input has no tokens");
        if (ids.length > config.maxPositions()) {
            throw new IllegalArgumentException("the input has " + ids.length + " tokens but the model's context (max_position_embeddings) is "
                    + config.maxPositions());
        }
        int[] rows = new int[ids.length];
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] < 0 || ids[t] >= config.vocab()) {
                throw new IllegalArgumentException("token id " + ids[t] + " is outside the vocabulary [0, " + config.vocab() + ")");
            }
            rows[t] = (int) ids[t];
        }
        return embed.gather(rows);                                              // [S, H], no scale
    }

    /** The loop starts at the token embeddings, whatever s0 was asked for. */
    @Override
    public INDArray startState(INDArray requested, INDArray e) {
        return e.dup();
    }

    @Override
    public String startKind(StateInit init) {
        return "embedding";
    }

    /**
     * One loop over the stack; layers (when given) hears each layer's output at loop step {@code step},
     * the last one after the final norm — the state the next loop reads — so it equals the step's state.
     * Ouro's loop is the same at every step and does not look back at s_0, so both are only labels here.
     */
    @Override
    public INDArray step(INDArray state, INDArray e, INDArray s0, int step, LayerListener layers) {
        return Scratch.run(() -> {
            INDArray h = state;
            for (int l = 0; l < this.layers.size(); l++) {
                h = this.layers.get(l).apply(h);
                if (l == this.layers.size() - 1) h = norm.apply(h);
                if (layers != null) layers.onLayer(step, l, h);
            }
            return h;
        });
    }

    @Override
    public int loopLayers() {
        return layers.size();
    }

    @Override
    public INDArray decode(INDArray state) {
        return lmHead.apply(state);                                             // [S, V]
    }

    /** Ouro's states are already the final norm's output: the space analyses plot is the raw one. */
    @Override
    public INDArray normalizedLatent(INDArray state) {
        return state;
    }

    @Override
    public Optional<LatentNorm> latentNorm() {
        return Optional.empty();
    }

    /** λ = sigmoid(gate(s)) [S]. */
    @Override
    public Optional<INDArray> exitLambda(INDArray state) {
        INDArray logit = Nd4j.gemm(state, gateWeight, false, true).addi(gateBias); // [S, 1]
        return Optional.of(Transforms.sigmoid(logit, false).reshape(state.size(0)).castTo(DataType.FLOAT));
    }

    @Override
    public KvCache newCache(int positions, int maxSteps, KvSharing sharing) {
        if (positions > config.maxPositions()) {
            throw new IllegalArgumentException(positions + " positions exceed the model's context (max_position_embeddings) of "
                    + config.maxPositions());
        }
        return new KvCache(layers.size() * maxSteps, positions, config.kvWidth(), maxSteps, sharing);
    }

    @Override
    public INDArray embedAt(KvCache cache, long[] ids, int position) {
        return embed(ids);
    }

    @Override
    public INDArray stepAt(KvCache cache, INDArray state, INDArray e, INDArray s0, int position, int step) {
        if (step < 1 || step > cache.maxSteps()) throw new IllegalArgumentException("loop step " + step + " is outside 1.." + cache.maxSteps());
        return Scratch.run(() -> {
            INDArray h = state;
            for (int l = 0; l < layers.size(); l++) {
                int layer = l;
                h = layers.get(l).applyCached(h, position, cache, slot(layer, step), t -> {
                    int k = cache.visibleStep(t, step);
                    return k < 0 ? -1 : slot(layer, k);
                });
            }
            return norm.apply(h);
        });
    }

    @Override
    public INDArray decodeAt(KvCache cache, INDArray state, int position) {
        return decode(state);
    }

    private int slot(int layer, int step) {
        return (step - 1) * layers.size() + layer;
    }
}
