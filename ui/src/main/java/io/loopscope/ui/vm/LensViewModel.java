package io.loopscope.ui.vm;

import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The logit lens of the focused token: one row per step with the lens's top-k tokens and their
 * probabilities — the model's guess at every iteration — plus entropy and KL to the previous step.
 */
public final class LensViewModel {

    /** One step of the table. */
    public record Row(int step, List<String> tokens, double[] probs, double entropy, double kl) {
    }

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ReadOnlyObjectWrapper<List<Row>> rows = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Select a token");

    LensViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.result = result;
        this.selection = selection;
        for (Observable o : new Observable[] {result, selection.focusProperty()}) o.addListener(x -> rebuild());
    }

    public ReadOnlyObjectProperty<List<Row>> rowsProperty() { return rows.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public Selection selection() { return selection; }

    public List<Row> rows() {
        return rows.get();
    }

    /** Columns of top-k in the current run. */
    public int topK() {
        RunResult r = result.get();
        return r == null || r.trace().lensTopkIds() == null ? 0 : r.trace().lensTopkIds().shape()[2];
    }

    private void rebuild() {
        RunResult r = result.get();
        int t = selection.focus();
        if (r == null || t < 0 || t >= r.tokens()) {
            rows.set(List.of());
            title.set("Select a token");
            return;
        }
        rows.set(table(r, t));
        title.set(title(r, t) + " — what the model would predict if it stopped at each step" + ranNote(r, t));
    }

    /** " (generated: ran 5 of 32 iterations)" for a generated position, else "". */
    static String ranNote(RunResult r, int t) {
        var g = r.trace().generation();
        if (g == null || t < g.settings().promptLength()) return "";
        return " (generated: ran " + r.trace().stepsOf(t) + " of " + r.iterations() + " iterations)";
    }

    /** "Logit lens of [t] x". */
    static String title(RunResult r, int t) {
        return "Logit lens of " + TokenStripViewModel.label(t, r.tokenStrings().get(t));
    }

    /**
     * Token t's lens, one row per step it ran: 0..R, or 0..its exit for a generated position — the
     * steps after it never happened, so they have no row (no top-k columns when the run recorded none).
     */
    static List<Row> table(RunResult r, int t) {
        IntTensor ids = r.trace().lensTopkIds();
        FloatTensor probs = r.trace().lensTopkProbs(), ent = r.trace().lensEntropy(), kl = r.trace().lensKl();
        int k = ids == null || probs == null ? 0 : ids.shape()[2];
        List<Row> out = new ArrayList<>();
        for (int s = 0; s <= r.trace().stepsOf(t); s++) {
            List<String> toks = new ArrayList<>(k);
            double[] p = new double[k];
            for (int j = 0; j < k; j++) {
                toks.add(TokenStripViewModel.display(r.tokenString(ids.get(s, t, j))));
                p[j] = probs.get(s, t, j);
            }
            out.add(new Row(s, List.copyOf(toks), p, ent == null ? Double.NaN : ent.get(s, t), kl == null ? Double.NaN : kl.get(s, t)));
        }
        return List.copyOf(out);
    }
}
