package io.loopscope.ui.chart;

import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.engine.RunLens;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One token's lens (the coda lens or the logit lens), one row per step it ran — the model's top-k guesses if it stopped there,
 * with their probabilities, the entropy and the KL to the previous step. The lens view shows it as a
 * table, figures draw it as {@link LensCurves}.
 *
 * @param title "Coda lens of [t] x" or "Logit lens of [t] x"
 * @param note  " (generated: ran 5 of 32 iterations)" for a generated position, else ""
 * @param rows  steps 0..R, or 0..its exit for a generated position (the steps after it never happened)
 */
public record LensTable(String title, String note, List<Row> rows) {

    /** One step: the guesses (spelled for display) best first, their probabilities, entropy and KL. */
    public record Row(int step, List<String> tokens, double[] probs, double entropy, double kl) {
    }

    public LensTable {
        rows = List.copyOf(rows);
    }

    /** Token t's coda lens in run r. */
    public static LensTable of(RunResult r, int t) {
        return of(r, t, LensKind.CODA);
    }

    /** Token t's lens of this kind in run r (no guess columns when the run recorded none, or ids without probabilities). */
    public static LensTable of(RunResult r, int t, LensKind kind) {
        return of(r, t, kind, r.analysis().lens(kind), "");
    }

    /**
     * Token t's lens of this kind read at a core layer (its {@link io.loopscope.ui.engine.LayerLenses}), the
     * layer named after the token in the title ("Coda lens of [3] = · core layer 1 of 2").
     */
    public static LensTable of(RunResult r, int t, LensKind kind, RunLens lens, String layer) {
        int k = lens.hasProbabilities() ? lens.topK() : 0, ran = r.analysis().ranSteps(t);
        List<Row> out = new ArrayList<>();
        for (int s = 0; s <= ran; s++) {
            List<String> toks = new ArrayList<>(k);
            double[] p = new double[k];
            for (int j = 0; j < k; j++) {
                toks.add(TokenLabels.display(r.tokenString(lens.topId(s, t, j))));
                p[j] = lens.topProbability(s, t, j);
            }
            out.add(new Row(s, List.copyOf(toks), p, lens.entropy(s, t), lens.kl(s, t)));
        }
        return new LensTable(kind.title() + " of " + TokenLabels.label(t, r.tokenStrings().get(t)) + (layer.isEmpty() ? "" : " · " + layer),
                ranNote(r, t), out);
    }

    /** " (generated: ran 5 of 32 iterations)" for a generated position, else "". */
    public static String ranNote(RunResult r, int t) {
        var g = r.trace().generation();
        if (g == null || t < g.settings().promptLength()) return "";
        return " (generated: ran " + r.analysis().ranSteps(t) + " of " + r.iterations() + " iterations)";
    }
}
