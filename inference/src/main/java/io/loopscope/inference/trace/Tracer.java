package io.loopscope.inference.trace;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a model on a request and records everything into a {@link Trace}. */
public final class Tracer {
    private Tracer() {
    }

    /** The model being traced, as the run description names it. */
    public record Subject(LoopedModel model, String name, Path path) {
    }

    /**
     * Runs the request. progress receives every finished step (0..R); cancelled is polled once per
     * step, and a cancelled run throws {@link java.util.concurrent.CancellationException}.
     */
    public static Trace run(Subject subject, TraceRequest request, List<String> tokenStrings, String version,
                            IntConsumer progress, BooleanSupplier cancelled) {
        LoopedModel model = subject.model();
        long[] ids = request.ids();
        int tokens = ids.length;
        if (tokens > model.contextLength()) {
            throw new IllegalArgumentException("the prompt has " + tokens + " tokens but the model's context (block_size) is "
                    + model.contextLength() + "; shorten it");
        }
        MemoryEstimate.of(tokens, model.hidden(), model.vocab(), request.iterations(), request.topK(), request.fullLens(),
                request.layers() ? model.loopLayers() : 0).requireFits(Runtime.getRuntime());

        long start = System.nanoTime();
        INDArray e = model.embed(ids);                                   // [S, H]
        INDArray s0 = model.startState(model.initialState(request.init(), tokens), e); // [S, H]
        long embedded = System.nanoTime();
        TraceRecorder recorder = new TraceRecorder(model, request, progress, cancelled);
        if (request.layers()) model.recur(s0, e, request.iterations(), recorder, recorder.layerRecorder());
        else model.recur(s0, e, request.iterations(), recorder);
        long looped = System.nanoTime();

        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("embed_ms", (embedded - start) / 1e6);
        timings.put("loop_ms", (looped - embedded) / 1e6);
        timings.put("ms_per_iteration", request.iterations() == 0 ? 0 : (looped - embedded) / 1e6 / request.iterations());
        RunInfo info = new RunInfo(subject.name(), subject.path() == null ? null : subject.path().toString(), model.summary(),
                request.iterations(), model.startKind(request.init()),
                request.init() instanceof StateInit.Given g ? g.source() : null,
                request.init() instanceof StateInit.Random r ? r.seed() : null,
                request.topK(), tokenStrings, model.latentNorm().map(io.loopscope.inference.model.LatentNorm::eps).orElse(0.0), request.thresholds().byId(),
                exitSteps(recorder.exitSteps()), timings, request.label(), version);
        return recorder.toTrace(info, ids);
    }

    private static Map<String, List<Integer>> exitSteps(Map<ExitCriterion, int[]> steps) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        steps.forEach((criterion, perToken) -> {
            List<Integer> list = new ArrayList<>(perToken.length);
            for (int s : perToken) list.add(s < 0 ? null : s);
            out.put(criterion.id(), list);
        });
        return out;
    }
}
