package io.loopscope.inference.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random weights initialised the way Huginn is (the "takase" scheme): truncated normal(0, σ) with
 * σ = √(2 / (5H)), clipped at ±3σ; output projections (attn.proj, mlp.proj) scaled down by
 * √(2 · effective depth) so the residual stream does not grow with depth; norms at 1. The stabilisers
 * start as LoRA does: A small and random, B zero, so the delta B·A starts at nothing and the loop as
 * plain Huginn; a learned timestep embedding starts small (σ). For training, tests and benchmarks:
 * the same config and seed always give the same weights.
 */
public final class RandomWeights {
    private RandomWeights() {
    }

    /** σ = √(2 / (5H)), Huginn's "std" and "embedding" init. */
    public static double initStd(HuginnConfig c) {
        return Math.sqrt(2.0 / (5.0 * c.hidden()));
    }

    /** Depth the model has at its mean recurrence: prelude + coda + mean_recurrence · core. */
    public static int effectiveExpectedDepth(HuginnConfig c) {
        return c.preludeLayers() + c.codaLayers() + c.meanRecurrence() * c.coreLayers();
    }

    /** σ of attn.proj and mlp.proj: initStd / √(2 · effective depth). */
    public static double outProjStd(HuginnConfig c) {
        return initStd(c) / Math.sqrt(2.0 * effectiveExpectedDepth(c));
    }

    public static HuginnWeights create(HuginnConfig config, long seed) {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        HuginnLayout.required(config).forEach((name, shape) -> tensors.put(name, init(config, name, shape, seed)));
        if (!config.tieEmbeddings()) {
            String name = HuginnLayout.LM_HEAD;
            tensors.put(name, init(config, name, HuginnLayout.lmHeadShape(config), seed));
        }
        return HuginnLayout.assemble(config, tensors::get);
    }

    /**
     * Random Ouro weights for benchmarks: the same truncated normal (σ = √(2 / (5H))), output
     * projections scaled by √(2 · layers · trained loops), norms at 1, the gate at zero bias.
     */
    public static OuroWeights create(OuroConfig config, long seed) {
        double std = Math.sqrt(2.0 / (5.0 * config.hidden()));
        double outStd = std / Math.sqrt(2.0 * config.layers() * config.totalUtSteps());
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        OuroLayout.required(config).forEach((name, shape) -> {
            if (name.endsWith("norm.weight") || name.endsWith("layernorm.weight") || name.endsWith("layernorm_2.weight")) {
                tensors.put(name, Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape));
            } else if (name.equals(OuroLayout.GATE_BIAS)) {
                tensors.put(name, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape));
            } else {
                boolean out = name.endsWith("o_proj.weight") || name.endsWith("down_proj.weight");
                tensors.put(name, truncatedNormal(shape, out ? outStd : std, new SplittableRandom(mix(seed, name))));
            }
        });
        return OuroLayout.assemble(config, tensors::get);
    }

    private static INDArray init(HuginnConfig c, String name, long[] shape, long seed) {
        INDArray out = NativeFloats.allocate(shape);
        try {
            fill(c, name, out.length(), seed, (done, chunk, n) -> NativeFloats.put(out, done, chunk, n));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // putting into memory does no I/O
        }
        return out;
    }

    /**
     * Streams the values of the tensor {@code name} of a random Huginn checkpoint — exactly those
     * {@link #create(HuginnConfig, long)} puts in it — so a checkpoint far larger than memory can be
     * written tensor by tensor (the random full-size Huginn-0125 of {@code random-checkpoint}).
     */
    public static void fill(HuginnConfig c, String name, long count, long seed, FloatChunkSink sink) throws java.io.IOException {
        if (name.endsWith("norm_1.weight") || name.endsWith("norm_2.weight") || name.endsWith("norm_3.weight")
                || name.endsWith("norm_4.weight") || name.equals(HuginnLayout.LN_F)) {
            constant(count, 1f, sink);
            return;
        }
        if (name.contains(".lora_B.")) {
            constant(count, 0f, sink);
            return;
        }
        double std;
        if (name.endsWith("attn.proj.weight") || name.endsWith("mlp.proj.weight")) std = outProjStd(c);
        // Huginn starts qk_bias at zero; a small non-zero bias makes tests exercise the bias path
        else if (name.endsWith("attn.qk_bias")) std = 0.1 * initStd(c);
        else std = initStd(c);
        truncatedNormal(count, std, new SplittableRandom(mix(seed, name)), sink);
    }

    private static void constant(long count, float value, FloatChunkSink sink) throws java.io.IOException {
        float[] chunk = new float[(int) Math.min(Math.max(count, 1), NativeFloats.CHUNK)];
        java.util.Arrays.fill(chunk, value);
        for (long done = 0; done < count; done += chunk.length) sink.accept(done, chunk, (int) Math.min(chunk.length, count - done));
    }

    /** Each tensor gets its own stream, so its values depend only on (seed, name), not on what came before. */
    private static long mix(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) h = (h ^ name.charAt(i)) * 0x100000001B3L;
        return h;
    }

    private static INDArray truncatedNormal(long[] shape, double std, SplittableRandom random) {
        INDArray out = NativeFloats.allocate(shape);
        try {
            truncatedNormal(out.length(), std, random, (done, chunk, n) -> NativeFloats.put(out, done, chunk, n));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static void truncatedNormal(long total, double std, SplittableRandom random, FloatChunkSink sink) throws java.io.IOException {
        float[] chunk = new float[(int) Math.min(Math.max(total, 1), NativeFloats.CHUNK)];
        for (long done = 0; done < total; ) {
            int n = (int) Math.min(chunk.length, total - done);
            for (int i = 0; i < n; i++) {
                double z;
                do {
                    z = random.nextGaussian();
                } while (Math.abs(z) > 3);   // torch.nn.init.trunc_normal_(a=-3σ, b=3σ): resample outside
                chunk[i] = (float) (z * std);
            }
            sink.accept(done, chunk, n);
            done += n;
        }
    }
}
