package io.loopscope.ui.chart;

import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One token's lens as curves, for a figure: every token that is the lens's top guess at
 * some step, with its probability at each step — the table of the lens view, drawn so a reader sees
 * the answer change. Steps where a guess has fallen out of the recorded top-k are NaN (gaps). A
 * trace that recorded the lens's ids without their probabilities (another tool's NPZ) has nothing
 * to draw: it gets no curves rather than an empty chart.
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

    /** The curves of token t's coda lens; empty when the run has no lens probabilities. */
    public static LensCurves of(RunResult r, int t) {
        return of(LensTable.of(r, t));
    }

    /** The curves of token t's lens of this kind; empty when the run recorded no such lens with probabilities. */
    public static LensCurves of(RunResult r, int t, io.loopscope.ui.engine.LensKind kind) {
        return of(LensTable.of(r, t, kind));
    }

    /** The curves of a lens table: each guess that is ever the top one, over the steps. */
    public static LensCurves of(LensTable lens) {
        List<LensTable.Row> table = lens.rows();
        Set<String> guesses = new LinkedHashSet<>();
        for (LensTable.Row row : table) if (guesses.size() < MAX_CURVES && !row.tokens().isEmpty()) guesses.add(row.tokens().getFirst());
        List<Curve> curves = new ArrayList<>();
        boolean anyProbability = false;
        for (String token : guesses) {
            double[] p = new double[table.size()];
            Arrays.fill(p, Double.NaN);
            for (LensTable.Row row : table) {
                int j = row.tokens().indexOf(token);
                if (j >= 0) p[row.step()] = row.probs()[j];
                anyProbability |= !Double.isNaN(p[row.step()]);
            }
            curves.add(new Curve(token, p));
        }
        return new LensCurves(lens.title(), anyProbability ? curves : List.of());
    }
}
