package io.loopscope.inference.generate;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.Generated;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.Tracer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** Lays the position records of a generation out as a {@link Trace}: [R+1, S, …] arrays over the S positions that ran. */
final class GenerationTrace {
    private final LoopedModel model;
    private final GenerationRequest request;
    private final PositionRecord[] records;
    private final Generator.GenerationRun run;
    private final int tokens, steps, hidden, vocab, k;

    GenerationTrace(LoopedModel model, GenerationRequest request, PositionRecord[] records, Generator.GenerationRun run) {
        this.model = model;
        this.request = request;
        this.records = records;
        this.run = run;
        this.tokens = request.prompt().length + run.count() - 1;
        this.steps = request.iterations() + 1;
        this.hidden = model.hidden();
        this.vocab = model.vocab();
        this.k = request.topK();
    }

    Trace toTrace(Tracer.Subject subject, LongFunction<String> tokenString, String version, long nanos) {
        long[] generated = Arrays.copyOf(run.generated(), run.count());
        long[] ids = Arrays.copyOf(request.prompt(), tokens);                                  // the positions that ran
        System.arraycopy(generated, 0, ids, request.prompt().length, tokens - request.prompt().length);
        int[] ran = new int[tokens];
        for (int t = 0; t < tokens; t++) ran[t] = records[t].steps;

        List<String> tokenStrings = new ArrayList<>(tokens);
        for (long id : ids) tokenStrings.add(tokenString.apply(id));
        StateInit init = request.init();
        RunInfo info = new RunInfo(subject.name(), subject.path() == null ? null : subject.path().toString(), model.summary(),
                request.iterations(), model.startKind(init), init instanceof StateInit.Given g ? g.source() : null,
                init instanceof StateInit.Random r ? r.seed() : null, k, tokenStrings, model.latentNorm().map(io.loopscope.inference.model.LatentNorm::eps).orElse(0.0),
                Map.of(request.criterion().id(), request.threshold()), Map.of(request.criterion().id(), exitSteps(ran)),
                timings(ran, nanos), null, version);
        Generated generation = new Generated(ran, generated, new Generated.Settings(request.prompt().length,
                request.criterion().id(), request.threshold(), request.sharing().id(), request.warmStart(),
                request.sampling().describe(), request.stop().strings(), run.stopReason(), request.stop().text().apply(generated)));
        return new Trace(info, ids,
                new FloatTensor(new int[] {steps, tokens, hidden}, stepMajor(r -> r.states, hidden)),
                new FloatTensor(new int[] {tokens, hidden}, rowMajor(r -> r.latent, hidden)),
                new FloatTensor(new int[] {tokens, vocab}, rowMajor(r -> r.logits, vocab)),
                new FloatTensor(new int[] {steps, tokens}, stepMajor(r -> r.entropy, 1)),
                new FloatTensor(new int[] {steps, tokens}, stepMajor(r -> r.kl, 1)),
                new FloatTensor(new int[] {steps, tokens}, stepMajor(r -> r.minpKl, 1)),
                new IntTensor(new int[] {steps, tokens, k}, topIds()),
                new FloatTensor(new int[] {steps, tokens, k}, stepMajor(r -> r.topProbs, k)),
                request.fullLens() ? new FloatTensor(new int[] {steps, tokens, vocab}, stepMajor(r -> r.lens, vocab)) : null,
                model.latentNorm().map(n -> new FloatTensor(new int[] {hidden}, n.weight())).orElse(null),
                generation,
                Float.isNaN(records[0].lambda[0]) ? null                          // a prompt position ran every step: NaN there means no gate
                        : io.loopscope.inference.trace.ExitGate.of(lambdaLoopMajor(), request.iterations(), tokens));
    }

    /** Prompt positions were never tested (null); a generated one stopped at its step, or ran R under "none". */
    private List<Integer> exitSteps(int[] ran) {
        List<Integer> out = new ArrayList<>(tokens);
        for (int t = 0; t < tokens; t++) {
            boolean tested = t >= request.prompt().length || request.criterion() == ExitCriterion.NONE;
            out.add(tested ? ran[t] : null);
        }
        return out;
    }

    private Map<String, Double> timings(int[] ran, long nanos) {
        long generatedIterations = 0;
        for (int t = request.prompt().length; t < tokens; t++) generatedIterations += ran[t];
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("prompt_ms", run.promptMs());
        timings.put("generate_ms", run.generateMs());
        timings.put("total_ms", nanos / 1e6);
        timings.put("ms_per_iteration", generatedIterations == 0 ? 0 : run.generateMs() / generatedIterations);
        timings.put("tokens_per_s", run.generateMs() == 0 ? 0 : run.count() / (run.generateMs() / 1e3));
        return timings;
    }

    private interface Field {
        float[] of(PositionRecord r);
    }

    /** [R+1, S, width] from per-position [(R+1)·width] arrays. */
    private float[] stepMajor(Field field, int width) {
        float[] out = new float[steps * tokens * width];
        for (int t = 0; t < tokens; t++) {
            float[] a = field.of(records[t]);
            for (int i = 0; i < steps; i++) System.arraycopy(a, i * width, out, (i * tokens + t) * width, width);
        }
        return out;
    }

    /** [S, width] from per-position [width] arrays. */
    private float[] rowMajor(Field field, int width) {
        float[] out = new float[tokens * width];
        for (int t = 0; t < tokens; t++) System.arraycopy(field.of(records[t]), 0, out, t * width, width);
        return out;
    }

    /** [R, S] from per-position [R] λ. */
    private float[] lambdaLoopMajor() {
        int loops = request.iterations();
        float[] out = new float[loops * tokens];
        for (int t = 0; t < tokens; t++) for (int i = 0; i < loops; i++) out[i * tokens + t] = records[t].lambda[i];
        return out;
    }

    private int[] topIds() {
        int[] out = new int[steps * tokens * k];
        for (int t = 0; t < tokens; t++) {
            for (int i = 0; i < steps; i++) System.arraycopy(records[t].topIds, i * k, out, (i * tokens + t) * k, k);
        }
        return out;
    }
}
