package io.loopscope.inference.trace;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loopscope.inference.io.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trace on disk: an NPZ that numpy opens, with the arrays named as the {@code trace} command
 * documents and the run description in a {@code meta.json} entry.
 */
public final class TraceFile {
    public static final String META_ENTRY = "meta.json";
    public static final String GENERATION_ENTRY = "generation.json";

    /** meta.json uses snake_case keys, like the arrays beside it. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TraceFile() {
    }

    /** Writes the trace atomically (nothing is left behind if the write fails). */
    public static void write(Path target, Trace trace) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("ids", Nd4j.createFromArray(trace.ids()));
        arrays.put("states", toArray(trace.states()));
        arrays.put("final_latent", toArray(trace.finalLatent()));
        if (trace.logits() != null) arrays.put("logits", toArray(trace.logits()));
        arrays.put("lens_entropy", toArray(trace.lensEntropy()));
        arrays.put("lens_kl", toArray(trace.lensKl()));
        if (trace.lensMinpKl() != null) arrays.put("lens_minp_kl", toArray(trace.lensMinpKl()));
        if (trace.lensTopkIds() != null) {
            arrays.put("lens_topk_ids", Nd4j.create(trace.lensTopkIds().data(), toLong(trace.lensTopkIds().shape()), DataType.INT32));
            arrays.put("lens_topk_probs", toArray(trace.lensTopkProbs()));
        }
        if (trace.lens() != null) arrays.put("lens", toArray(trace.lens()));
        if (trace.lnFWeight() != null) arrays.put("ln_f_weight", toArray(trace.lnFWeight())); // none when states are the latent (Ouro)
        if (trace.exitGate() != null) {
            arrays.put("exit_lambda", toArray(trace.exitGate().lambda()));
            arrays.put("exit_pdf", toArray(trace.exitGate().pdf()));
        }
        LensRecord logit = trace.logitLens();
        if (logit != null) {
            arrays.put("logit_lens_entropy", toArray(logit.entropy()));
            arrays.put("logit_lens_kl", toArray(logit.kl()));
            arrays.put("logit_lens_minp_kl", toArray(logit.minpKl()));
            arrays.put("logit_lens_topk_ids", Nd4j.create(logit.topkIds().data(), toLong(logit.topkIds().shape()), DataType.INT32));
            arrays.put("logit_lens_topk_probs", toArray(logit.topkProbs()));
        }
        if (trace.layerStates() != null) arrays.put("layer_states", toArray(trace.layerStates()));
        Trace.Ranks ranks = trace.ranks();
        if (ranks != null) {
            arrays.put("rank_ids", Nd4j.createFromArray(ranks.ids()));
            arrays.put("lens_ranks", intArray(ranks.coda()));
            if (ranks.logit() != null) arrays.put("logit_lens_ranks", intArray(ranks.logit()));
            if (ranks.layerCoda() != null) arrays.put("layer_lens_ranks", intArray(ranks.layerCoda()));
            if (ranks.layerLogit() != null) arrays.put("layer_logit_lens_ranks", intArray(ranks.layerLogit()));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(META_ENTRY, JSON.writeValueAsString(trace.info()));
        Generated generation = trace.generation();
        if (generation != null) {
            arrays.put("steps", Nd4j.createFromArray(generation.steps()));
            arrays.put("generated_ids", Nd4j.createFromArray(generation.generatedIds()));
            texts.put(GENERATION_ENTRY, JSON.writeValueAsString(generation.settings()));
        }
        Npz.write(target, arrays, texts);
    }

    /** Reads a trace written by {@link #write}; other NPZ layouts are the analysis module's job. */
    public static Trace read(Path source) throws IOException {
        Npz.Contents npz = Npz.read(source);
        String meta = npz.texts().get(META_ENTRY);
        if (meta == null) throw new IOException(source + " has no " + META_ENTRY + ": not a LoopScope trace");
        RunInfo info = JSON.readValue(meta, RunInfo.class);
        try {
            return new Trace(info,
                    require(npz, "ids", source).castTo(DataType.INT64).data().asLong(),
                    floats(require(npz, "states", source)),
                    floats(npz.arrays().get("final_latent")),
                    floats(npz.arrays().get("logits")),
                    floats(require(npz, "lens_entropy", source)),
                    floats(require(npz, "lens_kl", source)),
                    floats(npz.arrays().get("lens_minp_kl")),
                    ints(npz.arrays().get("lens_topk_ids")),
                    floats(npz.arrays().get("lens_topk_probs")),
                    floats(npz.arrays().get("lens")),
                    floats(npz.arrays().get("ln_f_weight")),
                    generation(npz, source),
                    exitGate(npz),
                    logitLens(npz),
                    floats(npz.arrays().get("layer_states")),
                    ranks(npz));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " is not a consistent trace: " + e.getMessage(), e);
        }
    }

    private static Trace.Ranks ranks(Npz.Contents npz) {
        Map<String, INDArray> a = npz.arrays();
        if (!a.containsKey("rank_ids") || !a.containsKey("lens_ranks")) return null;
        return new Trace.Ranks(a.get("rank_ids").castTo(DataType.INT64).dup('c').data().asLong(), ints(a.get("lens_ranks")),
                ints(a.get("logit_lens_ranks")), ints(a.get("layer_lens_ranks")), ints(a.get("layer_logit_lens_ranks")));
    }

    private static INDArray intArray(IntTensor t) {
        return Nd4j.create(t.data(), toLong(t.shape()), DataType.INT32);
    }

    private static LensRecord logitLens(Npz.Contents npz) {
        Map<String, INDArray> a = npz.arrays();
        if (!a.containsKey("logit_lens_entropy")) return null;
        return new LensRecord(floats(a.get("logit_lens_entropy")), floats(a.get("logit_lens_kl")), floats(a.get("logit_lens_minp_kl")),
                ints(a.get("logit_lens_topk_ids")), floats(a.get("logit_lens_topk_probs")));
    }

    private static ExitGate exitGate(Npz.Contents npz) {
        FloatTensor lambda = floats(npz.arrays().get("exit_lambda")), pdf = floats(npz.arrays().get("exit_pdf"));
        return lambda == null || pdf == null ? null : new ExitGate(lambda, pdf);
    }

    private static Generated generation(Npz.Contents npz, Path source) throws IOException {
        String settings = npz.texts().get(GENERATION_ENTRY);
        if (settings == null) return null;
        return new Generated(require(npz, "steps", source).castTo(DataType.INT32).data().asInt(),
                require(npz, "generated_ids", source).castTo(DataType.INT64).data().asLong(),
                JSON.readValue(settings, Generated.Settings.class));
    }

    private static INDArray require(Npz.Contents npz, String name, Path source) throws IOException {
        INDArray a = npz.arrays().get(name);
        if (a == null) throw new IOException(source + " has no '" + name + "' array");
        return a;
    }

    static INDArray toArray(FloatTensor t) {
        return Nd4j.create(t.data(), toLong(t.shape()), 'c');
    }

    static FloatTensor floats(INDArray a) {
        if (a == null) return null;
        return new FloatTensor(toInt(a.shape()), a.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    private static IntTensor ints(INDArray a) {
        if (a == null) return null;
        return new IntTensor(toInt(a.shape()), a.castTo(DataType.INT32).dup('c').data().asInt());
    }

    private static long[] toLong(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) out[i] = shape[i];
        return out;
    }

    private static int[] toInt(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) out[i] = Math.toIntExact(shape[i]);
        return out;
    }
}
