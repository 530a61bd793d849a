package io.loopscope.ui.vm;

import io.loopscope.ui.chart.LensTable;
import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.engine.RunResult;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A lens of the focused token as a table: the chart layer's {@link LensTable} (one row per step it
 * ran with the lens's top-k tokens and their probabilities — the model's guess at every iteration —
 * plus entropy and KL to the previous step), with the view's title. The coda lens is the model's
 * decode; a run that also recorded the logit lens (the head without the coda) can switch to it.
 */
public final class LensViewModel {

    /** One row of the table on screen. */
    public record Row(int step, List<String> tokens, double[] probs, double entropy, double kl) {
    }

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ReadOnlyObjectWrapper<List<Row>> rows = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Select a token");
    private final ObjectProperty<LensKind> kind = new SimpleObjectProperty<>(LensKind.CODA);
    private final ReadOnlyBooleanWrapper hasLogitLens = new ReadOnlyBooleanWrapper(false);

    LensViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.result = result;
        this.selection = selection;
        for (Observable o : new Observable[] {result, selection.focusProperty(), kind}) o.addListener(x -> rebuild());
    }

    /** Which lens the table shows; the logit lens only when the run recorded it. */
    public ObjectProperty<LensKind> kindProperty() { return kind; }

    /** Whether the current run recorded the logit lens too (else the switch is off and the coda lens is shown). */
    public ReadOnlyBooleanProperty hasLogitLensProperty() { return hasLogitLens.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<List<Row>> rowsProperty() { return rows.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public Selection selection() { return selection; }

    public List<Row> rows() {
        return rows.get();
    }

    /** Columns of top-k in the current run. */
    public int topK() {
        RunResult r = result.get();
        return r == null ? 0 : r.analysis().lens(shown(r)).topK();
    }

    /** The chosen lens, or the coda lens when the run has no logit lens. */
    private LensKind shown(RunResult r) {
        return r.analysis().hasLens(kind.get()) ? kind.get() : LensKind.CODA;
    }

    private void rebuild() {
        RunResult r = result.get();
        hasLogitLens.set(r != null && r.analysis().hasLens(LensKind.LOGIT));
        int t = selection.focus();
        if (r == null || t < 0 || t >= r.tokens()) {
            rows.set(List.of());
            title.set("Select a token");
            return;
        }
        LensTable lens = LensTable.of(r, t, shown(r));
        rows.set(lens.rows().stream().map(x -> new Row(x.step(), x.tokens(), x.probs(), x.entropy(), x.kl())).toList());
        title.set(lens.title() + " — what the model would predict if it stopped at each step" + lens.note());
    }
}
