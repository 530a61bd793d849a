package io.loopscope.analysis;

import io.loopscope.inference.io.Npz;
import io.loopscope.inference.lens.LensStep;
import io.loopscope.inference.lens.LogitLens;
import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.Generated;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a trace — an in-memory {@link Trace} or any NPZ with a {@code states} array — into
 * {@link TraceData}. Only {@code states} is required; every optional array that is missing or
 * mis-shaped becomes a note saying what cannot be computed without it.
 *
 * <p>This is the only analysis class that touches ND4J, and only through the public INDArray API to
 * copy arrays out of the NPZ reader.
 */
public final class TraceLoader {
    private static final String TOPK_IDS_MISSING = "lens_topk_ids missing: the argmax-stability exit criterion and the lens figures are unavailable";

    /** The family whose states already are the normalised latent (the final norm runs inside its loop). */
    private static final String LATENT_STATES = "ouro";
    private static final String OURO_SPACE = "Ouro's states are the output of its final norm: the raw space is the model's normalized latent";

    private TraceLoader() {
    }

    /** Reads an NPZ from LoopScope's {@code trace} command or from another tool. */
    public static TraceData load(Path file) throws IOException {
        Npz.Contents npz = Npz.read(file);
        String session = npz.texts().get(SessionFormat.ENTRY);
        if (session != null) {
            String problem = SessionFormat.problem(file.getFileName().toString(), session);
            if (problem != null) throw new IOException(problem);
        }
        return fromNpz(npz, file.getFileName().toString());
    }

    /** The in-memory trace of a run that just finished. */
    public static TraceData fromTrace(Trace trace, String source) {
        int steps = trace.states().dim(0), tokens = trace.states().dim(1), hidden = trace.states().dim(2);
        float[] states = trace.generation() == null ? trace.states().data() : trace.states().data().clone(); // held in place below
        TraceData.Builder b = new TraceData.Builder(source, steps - 1, tokens, hidden, states)
                .generation(trace.generation())
                .info(trace.info())
                .label(trace.info().label())
                .normEps(trace.info().normEps() > 0 ? trace.info().normEps() : 1e-6)
                .tokenStrings(trace.info().tokens())
                .ids(trace.ids());
        if (trace.lnFWeight() != null) b.lnFWeight(trace.lnFWeight().data());
        else if (LATENT_STATES.equals(trace.info().config().get("family"))) b.note(OURO_SPACE);
        else b.note("ln_f_weight missing: only the raw state space is available");
        if (trace.lensEntropy() != null) b.lensEntropy(trace.lensEntropy().data());
        if (trace.lensKl() != null) b.lensKl(trace.lensKl().data());
        if (trace.lensTopkIds() != null) b.lensTopk(new TraceLens(trace.lensTopkIds(), trace.lensTopkProbs()));
        else b.note(TOPK_IDS_MISSING);
        if (trace.exitGate() != null) b.exitLambda(trace.exitGate().lambda().data());
        if (trace.logitLens() != null) {
            var l = trace.logitLens();
            b.logitLens(new LensTables(l.entropy().data(), l.kl().data(), new TraceLens(l.topkIds(), l.topkProbs()), tokens));
        }
        noteExtrapolation(trace.info(), steps - 1, b);
        if (trace.lensMinpKl() != null) b.lensMinpKl(trace.lensMinpKl().data());
        else if (trace.lens() != null) b.lensMinpKl(minpKl(trace.lens(), steps, tokens));
        return b.build();
    }

    static TraceData fromNpz(Npz.Contents npz, String source) throws IOException {
        Map<String, INDArray> arrays = npz.arrays();
        INDArray statesArray = arrays.get("states");
        if (statesArray == null) {
            throw new IOException(source + " has no 'states' array (found: "
                    + (arrays.isEmpty() ? "no arrays" : String.join(", ", arrays.keySet())) + "); analyze needs states [R+1, S, H]");
        }
        long[] shape = statesArray.shape();
        if (shape.length == 4 && shape[1] == 1) shape = new long[] {shape[0], shape[2], shape[3]};
        if (shape.length != 3) {
            throw new IOException(source + ": 'states' must have shape [R+1, S, H] or [R+1, 1, S, H], got "
                    + Arrays.toString(statesArray.shape()) + " (rank " + statesArray.rank() + ")");
        }
        if (!statesArray.dataType().isFPType()) {
            throw new IOException(source + ": 'states' must be float32 or float64, got " + statesArray.dataType());
        }
        int steps = Math.toIntExact(shape[0]), tokens = Math.toIntExact(shape[1]), hidden = Math.toIntExact(shape[2]);
        if (steps < 1 || tokens < 1 || hidden < 1) {
            throw new IOException(source + ": 'states' is empty (shape " + Arrays.toString(statesArray.shape()) + ")");
        }
        TraceData.Builder b = new TraceData.Builder(source, steps - 1, tokens, hidden, floats(statesArray));

        RunInfo info = readMeta(npz, source, b);
        if (info != null) {
            b.info(info).label(info.label()).tokenStrings(info.tokens());
            if (info.normEps() > 0) b.normEps(info.normEps());
            noteExtrapolation(info, steps - 1, b);
            if (info.iterations() != steps - 1) {
                b.note("meta.json says " + info.iterations() + " iterations but states has " + steps + " steps; using states");
            }
            if (!info.tokens().isEmpty() && info.tokens().size() != tokens) {
                b.note("meta.json lists " + info.tokens().size() + " tokens but states has " + tokens + "; tokens shown as #index");
            }
        }
        generation(npz, source, tokens, b);
        INDArray ids = arrays.get("ids");
        if (ids == null) {
            b.note("ids missing: the trace cannot be matched with other runs of the same prompt (path independence, --reference)");
        } else if (ids.rank() != 1 || ids.length() != tokens || ids.dataType().isFPType()) {
            b.note("ids ignored: expected integer [" + tokens + "], got " + ids.dataType() + " " + Arrays.toString(ids.shape()));
        } else {
            b.ids(ids.castTo(DataType.INT64).dup('c').data().asLong());
        }
        float[] w = info != null && LATENT_STATES.equals(info.config().get("family")) && !arrays.containsKey("ln_f_weight")
                ? null : optional(arrays, "ln_f_weight", b, "the normalized state space is unavailable", hidden);
        if (w == null && info != null && LATENT_STATES.equals(info.config().get("family"))) b.note(OURO_SPACE);
        if (w != null) b.lnFWeight(w);
        float[] entropy = optional(arrays, "lens_entropy", b, "the entropy curve and the entropy-diff exit criterion are unavailable", steps, tokens);
        if (entropy != null) b.lensEntropy(entropy);
        float[] kl = optional(arrays, "lens_kl", b, "the KL curve and the kl exit criterion are unavailable", steps, tokens);
        if (kl != null) b.lensKl(kl);

        INDArray lambda = arrays.get("exit_lambda");
        if (lambda != null && Arrays.equals(lambda.shape(), new long[] {steps - 1, tokens}) && lambda.dataType().isFPType()) {
            b.exitLambda(floats(lambda));
        } else if (lambda != null) {
            b.note("exit_lambda ignored: expected float [" + (steps - 1) + ", " + tokens + "], got " + lambda.dataType() + " "
                    + Arrays.toString(lambda.shape()) + "; the gate exit criterion is unavailable");
        }
        TraceLens topk = lensTopk(arrays, steps, tokens, b);
        if (topk != null) b.lensTopk(topk);

        logitLens(arrays, steps, tokens, b);
        INDArray minp = arrays.get("lens_minp_kl");
        INDArray lens = arrays.get("lens");
        if (minp != null && Arrays.equals(minp.shape(), new long[] {steps, tokens})) {
            b.lensMinpKl(floats(minp));
        } else if (lens != null && lens.rank() == 3 && lens.size(0) == steps && lens.size(1) == tokens) {
            b.lensMinpKl(minpKl(new FloatTensor(new int[] {steps, tokens, (int) lens.size(2)}, floats(lens)), steps, tokens));
        }
        return b.build();
    }

    /** A model trained for a fixed number of loops (Ouro's total_ut_steps) runs past it only by extrapolation. */
    private static void noteExtrapolation(RunInfo info, int iterations, TraceData.Builder b) {
        if (info == null || !(info.config().get("total_ut_steps") instanceof Number trained)) return;
        if (iterations > trained.intValue()) {
            b.note("loops " + (trained.intValue() + 1) + "–" + iterations + " extrapolate: the model was trained for total_ut_steps = "
                    + trained.intValue());
        }
    }

    /** steps, generated_ids and generation.json of a {@code generate} run; a broken part is a note, the rest still loads. */
    private static void generation(Npz.Contents npz, String source, int tokens, TraceData.Builder b) {
        String settings = npz.texts().get(TraceFile.GENERATION_ENTRY);
        if (settings == null) return;
        INDArray steps = npz.arrays().get("steps"), generated = npz.arrays().get("generated_ids");
        try {
            if (steps == null || generated == null) throw new IllegalArgumentException("steps or generated_ids is missing");
            if (steps.rank() != 1 || steps.length() != tokens || steps.dataType().isFPType()) {
                throw new IllegalArgumentException("steps must be integer [" + tokens + "], got " + steps.dataType() + " " + Arrays.toString(steps.shape()));
            }
            b.generation(new Generated(steps.castTo(DataType.INT32).dup('c').data().asInt(),
                    generated.castTo(DataType.INT64).dup('c').data().asLong(),
                    TraceFile.JSON.readValue(settings, Generated.Settings.class)));
        } catch (IOException | RuntimeException e) {
            b.note("the generation record of " + source + " is unreadable (" + e.getMessage().lines().findFirst().orElse("")
                    + "); every position is read as if it ran all iterations");
        }
    }

    /** logit_lens_* (written by trace unless --no-logit-lens): all four arrays in shape, or a note and no logit lens. */
    private static void logitLens(Map<String, INDArray> arrays, int steps, int tokens, TraceData.Builder b) {
        String[] names = {"logit_lens_entropy", "logit_lens_kl", "logit_lens_topk_ids", "logit_lens_topk_probs"};
        if (java.util.Arrays.stream(names).noneMatch(arrays::containsKey)) return;
        INDArray ids = arrays.get(names[2]), probs = arrays.get(names[3]), entropy = arrays.get(names[0]), kl = arrays.get(names[1]);
        boolean ok = ids != null && probs != null && entropy != null && kl != null && ids.rank() == 3 && !ids.dataType().isFPType()
                && ids.size(0) == steps && ids.size(1) == tokens && ids.size(2) >= 1 && Arrays.equals(probs.shape(), ids.shape())
                && Arrays.equals(entropy.shape(), new long[] {steps, tokens}) && Arrays.equals(kl.shape(), new long[] {steps, tokens});
        if (!ok) {
            b.note("the logit lens (logit_lens_*) is ignored: its four arrays must be [" + steps + ", " + tokens + "] and [" + steps + ", "
                    + tokens + ", K]; the lens view shows the coda lens only");
            return;
        }
        int[] shape = {steps, tokens, (int) ids.size(2)};
        TraceLens top = new TraceLens(new IntTensor(shape, ids.castTo(DataType.INT32).dup('c').data().asInt()), new FloatTensor(shape, floats(probs)));
        b.logitLens(new LensTables(floats(entropy), floats(kl), top, tokens));
    }

    /** lens_topk_ids with lens_topk_probs when they match it; ids alone still serve the argmax-stability criterion. */
    private static TraceLens lensTopk(Map<String, INDArray> arrays, int steps, int tokens, TraceData.Builder b) {
        INDArray topk = arrays.get("lens_topk_ids");
        if (topk == null) {
            b.note(TOPK_IDS_MISSING);
            return null;
        }
        if (topk.rank() != 3 || topk.size(0) != steps || topk.size(1) != tokens || topk.size(2) < 1) {
            b.note("lens_topk_ids ignored: expected [" + steps + ", " + tokens + ", K], got " + Arrays.toString(topk.shape())
                    + "; the argmax-stability exit criterion and the lens figures are unavailable");
            return null;
        }
        int[] shape = {steps, tokens, (int) topk.size(2)};
        IntTensor ids = new IntTensor(shape, topk.castTo(DataType.INT32).dup('c').data().asInt());
        float[] probs = optional(arrays, "lens_topk_probs", b, "the lens figures have no probabilities to draw", steps, tokens, shape[2]);
        return new TraceLens(ids, probs == null ? null : new FloatTensor(shape, probs));
    }

    private static RunInfo readMeta(Npz.Contents npz, String source, TraceData.Builder b) {
        String meta = npz.texts().get(TraceFile.META_ENTRY);
        if (meta == null) {
            b.note("meta.json missing: tokens are shown as #index and the trace has no label");
            return null;
        }
        try {
            return TraceFile.JSON.readValue(meta, RunInfo.class);
        } catch (IOException | RuntimeException e) {
            b.note("meta.json could not be read (" + e.getMessage().lines().findFirst().orElse("") + "); ignored");
            return null;
        }
    }

    private static float[] optional(Map<String, INDArray> arrays, String name, TraceData.Builder b, String consequence, long... shape) {
        INDArray a = arrays.get(name);
        if (a == null) {
            b.note(name + " missing: " + consequence);
            return null;
        }
        if (!Arrays.equals(a.shape(), shape) || !a.dataType().isFPType()) {
            b.note(name + " ignored: expected float " + Arrays.toString(shape) + ", got " + a.dataType() + " " + Arrays.toString(a.shape())
                    + "; " + consequence);
            return null;
        }
        return floats(a);
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Huginn's min-p KL per step, replayed through the engine's own lens code from the full lens logits. */
    private static float[] minpKl(FloatTensor lens, int steps, int tokens) {
        int vocab = lens.dim(2);
        LogitLens replay = new LogitLens(tokens, vocab, 1);
        float[] out = new float[steps * tokens];
        float[] data = lens.data();
        for (int s = 0; s < steps; s++) {
            LensStep step = replay.observe(Arrays.copyOfRange(data, s * tokens * vocab, (s + 1) * tokens * vocab));
            System.arraycopy(step.minpKl(), 0, out, s * tokens, tokens);
        }
        return out;
    }
}
