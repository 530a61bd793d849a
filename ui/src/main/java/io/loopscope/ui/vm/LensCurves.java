package io.loopscope.ui.vm;

import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The logit lens of one token as curves, for a figure: every token that is the lens's top guess at
 * some step, with its probability at each step — the table of the lens view, drawn so a reader sees
 * the answer change. Steps where a guess has fallen out of the recorded top-k are NaN (gaps). A
 * trace that kept only the top-1 ids (read back through the analysis's TraceData) has no
 * probabilities to draw: it gets no curves rather than an empty chart.
 *
 * @param title  which token's lens, for the chart's title
 * @param curves in the order they first become the top guess; at most {@link #MAX_CURVES}
 */
public record LensCurves(String title, List<Curve> curves) {
    /** More lines than this cannot be told apart by colour. */
    public static final int MAX_CURVES = 6;

    /** @param probability [steps + 1] the token's lens probability after each step (index 0: s0) */
    public record Curve(String token, double[] probability) {
    }

    public LensCurves {
        curves = List.copyOf(curves);
    }

    /** The curves of token t of a run with a recorded lens; empty when the run has no lens probabilities. */
    public static LensCurves of(RunResult r, int t) {
        String title = "Logit lens of " + TokenStripViewModel.label(t, r.tokenStrings().get(t));
        IntTensor ids = r.trace().lensTopkIds();
        FloatTensor probs = r.trace().lensTopkProbs();
        if (ids == null || probs == null) return new LensCurves(title, List.of());
        int k = ids.shape()[2], steps = r.iterations();
        Set<Long> guesses = new LinkedHashSet<>();
        for (int s = 0; s <= steps && guesses.size() < MAX_CURVES; s++) guesses.add((long) ids.get(s, t, 0));
        List<Curve> curves = new ArrayList<>();
        boolean anyProbability = false;
        for (long id : guesses) {
            double[] p = new double[steps + 1];
            Arrays.fill(p, Double.NaN);
            for (int s = 0; s <= steps; s++) {
                for (int j = 0; j < k; j++) if (ids.get(s, t, j) == id) p[s] = probs.get(s, t, j);
                anyProbability |= !Double.isNaN(p[s]);
            }
            curves.add(new Curve(TokenStripViewModel.display(r.tokenString(id)), p));
        }
        return new LensCurves(title, anyProbability ? curves : List.of());
    }
}
