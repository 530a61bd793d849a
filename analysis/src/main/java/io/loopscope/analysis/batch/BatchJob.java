package io.loopscope.analysis.batch;

import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.convergence.CriterionSteps;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.Generator;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.generate.StopRule;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The work of one batch prompt, a pure function of (model, prompt, settings): run it (a prompt pass,
 * or generation with per-token exit), analyse the trace, and return one summary row per position.
 * Nothing here knows about files or threads, so the same job can be handed to any runner.
 */
public final class BatchJob {

    /**
     * The rows of one prompt, the trace they came from and its analysis (whose motif evidence, such
     * as a fixed point's contraction ratio, the rows only name).
     */
    public record Result(List<BatchRow> rows, Trace trace, TraceReport report) {
        public Result {
            rows = List.copyOf(rows);
            java.util.Objects.requireNonNull(trace, "trace");
            if (report.motifs().size() != rows.size()) throw new IllegalArgumentException("one motif of the report per row");
        }
    }

    private BatchJob() {
    }

    public static Result run(ModelHandle model, BatchPrompt prompt, BatchSettings settings) {
        long[] ids = model.encode(prompt.prompt());
        StateInit init = new StateInit.Random(settings.seed() + prompt.index());
        ExitCriterion criterion = settings.exitCriterion();
        ExitThresholds thresholds = ExitThresholds.of(criterion == ExitCriterion.NONE ? Map.of() : Map.of(criterion.id(), settings.threshold()));
        Trace trace;
        if (settings.generate() > 0) {
            StopRule stop = new StopRule(model.endTokenIds(), List.of(), model::decode);
            GenerationRequest request = new GenerationRequest(ids, settings.generate(), settings.iterations(), criterion,
                    criterion == ExitCriterion.NONE ? 0 : settings.threshold(), KvSharing.LATEST, init, false, Sampling.GREEDY, stop,
                    TraceRequest.DEFAULT_TOP_K, false, TraceRequest.DEFAULT_MAX_ITERATIONS);
            trace = Generator.run(model.subject(), request, model::tokenString, "batch", GenerationListener.NONE, () -> false);
        } else {
            TraceRequest request = new TraceRequest(ids, settings.iterations(), init, TraceRequest.DEFAULT_TOP_K, false, thresholds,
                    TraceRequest.DEFAULT_MAX_ITERATIONS, prompt.category(), false);
            trace = Tracer.run(model.subject(), request, model.tokenStrings(ids), "batch", s -> { }, () -> false);
        }
        TraceData data = TraceLoader.fromTrace(trace, "prompt " + prompt.index());
        TraceReport report = TraceAnalysis.analyze(data, AnalysisOptions.defaults().withExitThresholds(thresholds));
        List<String> strings = model.tokenStrings(trace.ids());
        int promptLength = ids.length, last = promptLength - 1;
        List<BatchRow> rows = new ArrayList<>();
        for (int t = 0; t < data.tokens(); t++) {
            Map<String, Integer> exits = new LinkedHashMap<>();
            for (Map.Entry<ExitCriterion, CriterionSteps> e : report.exitSteps().entrySet()) {
                if (e.getValue().available()) exits.put(e.getKey().id(), e.getValue().steps().get(t));
            }
            int ran = data.ranSteps(t);
            String top = model.tokenString(data.lensTop1(ran, t));
            Boolean correct = t == last && prompt.label() != null ? top.equals(prompt.label()) : null;
            rows.add(new BatchRow(prompt.index(), prompt.category(), t, strings.get(t), t >= promptLength, report.motifs().get(t).motif().id(),
                    exits, ran, top, correct));
        }
        return new Result(rows, trace, report);
    }
}
