package io.loopscope.ui.engine;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLens;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.trace.Trace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * {@link RunResult}s for runs that come from files instead of the Run button — sessions, traces given
 * to {@code analyze --figures}, demos rendered headless — so every view and figure builder takes
 * them exactly like a fresh run.
 */
public final class LoadedRuns {
    /** Spells no id: ids that are not the trace's own prompt tokens read "#id". */
    public static final LongFunction<String> UNSPELLED = id -> null;

    private LoadedRuns() {
    }

    /**
     * A recorded trace with its analysis; vocabulary spells lens ids (token strings of the prompt are
     * added), description says where the run came from.
     */
    public static RunResult of(Trace trace, RunAnalysis analysis, Map<Long, String> vocabulary, String description, RunSpec spec) {
        Map<Long, String> vocab = new HashMap<>(vocabulary);
        long[] ids = trace.ids();
        List<String> tokens = trace.info().tokens();
        // the prompt as the run spelled it, which its chips show, over any tokenizer found later
        if (tokens.size() == ids.length) for (int i = 0; i < ids.length; i++) vocab.put(ids[i], tokens.get(i));
        LoadedModel model = new TraceOnlyModel(trace.info().model(), description, vocab);
        return new RunResult(spec == null ? specOf(trace) : spec, model, trace, analysis, timing(trace.info(), "loop_ms"), 0);
    }

    /**
     * A trace and the analysis module's report of it (analyze --figures): no second analysis. spell
     * names the ids of its lens's guesses (the model's tokenizer), {@link #UNSPELLED} when nothing can.
     */
    public static RunResult of(TraceData data, TraceReport report, LongFunction<String> spell) {
        Trace trace = toTrace(data);
        return of(trace, AnalysisAdapter.of(data, report), vocabulary(trace, spell), "loaded from a file", null);
    }

    /**
     * Every id the run can show (its prompt and its lens's top-k) with spell's string for it, so the
     * run needs no tokenizer afterwards; ids spell returns null for are left out.
     */
    public static Map<Long, String> vocabulary(Trace trace, LongFunction<String> spell) {
        Map<Long, String> v = new TreeMap<>();
        for (long id : trace.ids()) v.computeIfAbsent(id, spell::apply);
        if (trace.lensTopkIds() != null) for (int id : trace.lensTopkIds().data()) v.computeIfAbsent((long) id, spell::apply);
        return v;
    }

    /** A best guess at the run bar's settings that produced trace (for labels and Compare's defaults). */
    public static RunSpec specOf(Trace trace) {
        RunInfo info = trace.info();
        ModelRef model = info.modelPath() != null ? ModelRef.folder(Path.of(info.modelPath()))
                : RunInfo.EMBEDDED.equals(info.model()) ? ModelRef.embeddedModel() : new ModelRef(false, Path.of(info.model()));
        StringBuilder prompt = new StringBuilder();
        boolean ids = info.tokens().size() != trace.tokenCount() || info.tokens().stream().anyMatch(t -> t.matches("#\\d+"));
        // a generation's positions are its prompt and the tokens it fed back: only the prompt was typed
        int promptLength = trace.generation() == null ? trace.tokenCount() : Math.min(trace.tokenCount(), trace.generation().settings().promptLength());
        long[] positionIds = trace.ids();
        for (int t = 0; t < promptLength; t++) {
            if (ids) prompt.append(prompt.isEmpty() ? "" : " ").append(positionIds[t]);
            else prompt.append(info.tokens().get(t));
        }
        RunSpec.InitMode init = "zeros".equals(info.init()) ? RunSpec.InitMode.ZEROS : RunSpec.InitMode.RANDOM;
        GenerateSettings generate = trace.generation() == null ? null : GenerateSettings.of(trace.generation());
        if (generate != null && trace.iterations() < 1) generate = null; // not a generation this version can repeat
        return new RunSpec(model, prompt.toString(), trace.iterations(), init, info.seed() == null ? 0 : info.seed(), Math.max(1, info.topK()),
                generate, generate == null && trace.layerStates() != null);
    }

    private static double timing(RunInfo info, String key) {
        Double v = info.timingsMs().get(key);
        return v == null ? 0 : v;
    }

    /**
     * A Trace view of loaded trace data (which may come from another tool's NPZ with only states):
     * raw states, and the lens arrays where the file had them (the lens's whole top-k, so its figure
     * has curves).
     */
    public static Trace toTrace(TraceData data) {
        int steps = data.steps(), s = data.tokens(), h = data.hidden();
        float[] states = new float[Math.multiplyExact(Math.multiplyExact(steps, s), h)];
        for (int st = 0; st < steps; st++) for (int t = 0; t < s; t++) data.state(st, t, StateSpace.RAW, states, (st * s + t) * h);
        FloatTensor entropy = data.hasLensEntropy() ? perStep(data, steps, s, true) : null;
        FloatTensor kl = data.hasLensKl() ? perStep(data, steps, s, false) : null;
        TraceLens lens = data.lensTopk();
        IntTensor top = lens == null ? null : lens.ids();
        FloatTensor probs = lens == null ? null : lens.hasProbabilities() ? lens.probs() : unknown(top.shape());
        RunInfo info = data.info() != null && data.info().iterations() == data.iterations() ? data.info()
                : new RunInfo(data.source(), null, Map.of(), data.iterations(), "unknown", null, null, top == null ? 0 : top.shape()[2],
                        data.tokenStrings(), data.normEps(), Map.of(), Map.of(), Map.of(), data.label(), null);
        long[] ids = data.hasIds() ? data.ids() : new long[s];
        // the generation record stays: views read each position's own steps from it
        return new Trace(info, ids, new FloatTensor(new int[] {steps, s, h}, states), null, null, entropy, kl, null, top, probs, null, null,
                generation(data));
    }

    /** The generation record when the trace's own checks accept it (another tool's steps may run past R). */
    private static io.loopscope.inference.trace.Generated generation(TraceData data) {
        var g = data.generation();
        if (g == null) return null;
        for (int ran : g.steps()) if (ran < 0 || ran > data.iterations()) return null;
        return g;
    }

    /** NaN probabilities for a lens that recorded only ids: the lens view still lists the guesses, the figure draws no curves. */
    private static FloatTensor unknown(int[] shape) {
        FloatTensor t = FloatTensor.zeros(shape);
        Arrays.fill(t.data(), Float.NaN);
        return t;
    }

    private static FloatTensor perStep(TraceData data, int steps, int s, boolean entropy) {
        float[] v = new float[steps * s];
        for (int st = 0; st < steps; st++) {
            for (int t = 0; t < s; t++) v[st * s + t] = (float) (entropy ? data.lensEntropy(st, t) : data.lensKl(st, t));
        }
        return new FloatTensor(new int[] {steps, s}, v);
    }
}
