package io.loopscope.analysis.convergence;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.inference.exit.ExitCheck;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.exit.StepSignals;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Steps-to-exit per token for every exit criterion, at any thresholds, recomputed from the trace.
 *
 * <p>The state criteria (latent-diff, cosine, second-order) use the raw states whatever space the
 * rest of the analysis looks at, because that is what the engine and Huginn's generation code
 * compare; so the results agree with the exit_steps the {@code trace} command records.
 */
public final class ExitSteps {
    private ExitSteps() {
    }

    public static Map<ExitCriterion, CriterionSteps> compute(TraceData data, ExitThresholds thresholds) {
        Map<ExitCriterion, CriterionSteps> out = new EnumMap<>(ExitCriterion.class);
        int r = data.iterations(), tokens = data.tokens();
        for (ExitCriterion c : ExitCriterion.values()) {
            double thr = thresholds.of(c);
            String missing = missing(data, c, thr);
            if (missing != null) {
                out.put(c, CriterionSteps.unavailable(c, thr, missing));
                continue;
            }
            List<Integer> steps = new ArrayList<>();
            for (int t = 0; t < tokens; t++) steps.add(c == ExitCriterion.MINP_KL && !data.hasLensMinpKl() ? recorded(data, c, t) : first(data, c, thr, t));
            out.put(c, new CriterionSteps(c, thr, steps, null));
        }
        if (r == 0) out.replaceAll((c, s) -> CriterionSteps.unavailable(c, s.threshold(), "R = 0: no iterations, nothing to exit from"));
        return out;
    }

    /** Why a criterion cannot be evaluated on this trace, or null when it can. */
    private static String missing(TraceData data, ExitCriterion c, double thr) {
        return switch (c) {
            case KL -> data.hasLensKl() ? null : "needs lens_kl";
            case ENTROPY_DIFF -> data.hasLensEntropy() ? null : "needs lens_entropy";
            case ARGMAX_STABILITY -> data.hasLensTop1() ? null : "needs lens_topk_ids";
            case GATE -> data.hasExitLambda() ? null : "needs exit_lambda (a model with an exit gate, such as Ouro)";
            case MINP_KL -> data.hasLensMinpKl() || recordedAt(data, c, thr) ? null
                    : "needs the full lens (trace --full-lens) or recorded minp-kl exit steps at threshold " + thr;
            default -> null;
        };
    }

    private static boolean recordedAt(TraceData data, ExitCriterion c, double thr) {
        if (data.info() == null) return false;
        Double recordedThr = data.info().exitThresholds().get(c.id());
        List<Integer> steps = data.info().exitSteps().get(c.id());
        return recordedThr != null && recordedThr == thr && steps != null && steps.size() == data.tokens();
    }

    /** The engine's own record from meta.json (minp-kl without the full lens). */
    private static Integer recorded(TraceData data, ExitCriterion c, int token) {
        Integer step = data.info().exitSteps().get(c.id()).get(token);
        return step == null || step < 0 ? null : step;
    }

    /** The first step at which the criterion passes, by the same {@link ExitCheck} the engine uses online. */
    private static Integer first(TraceData data, ExitCriterion c, double thr, int token) {
        int r = data.iterations();
        if (c == ExitCriterion.NONE) return r;
        ExitCheck check = new ExitCheck(c, thr);
        check.start(StepSignals.start(entropy(data, 0, token), top1(data, 0, token)));
        double[] previous = data.state(0, token, StateSpace.RAW), current = new double[data.hidden()];
        for (int s = 1; s <= r; s++) {
            data.state(s, token, StateSpace.RAW, current);
            StepSignals now = StepSignals.after(previous, current,
                    data.hasLensKl() ? data.lensKl(s, token) : Double.NaN,
                    data.hasLensMinpKl() ? data.lensMinpKl(s, token) : Double.NaN,
                    entropy(data, s, token), top1(data, s, token))
                    .withExitLambda(data.hasExitLambda() ? data.exitLambda(s, token) : Double.NaN);
            if (check.fires(now)) return s;
            double[] swap = previous;
            previous = current;
            current = swap;
        }
        return c == ExitCriterion.GATE ? r : null;  // the last loop takes the rest of the exit distribution
    }

    private static double entropy(TraceData data, int step, int token) {
        return data.hasLensEntropy() ? data.lensEntropy(step, token) : Double.NaN;
    }

    private static int top1(TraceData data, int step, int token) {
        return data.hasLensTop1() ? data.lensTop1(step, token) : -1;
    }
}
