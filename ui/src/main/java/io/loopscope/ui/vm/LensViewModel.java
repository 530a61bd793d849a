package io.loopscope.ui.vm;

import io.loopscope.analysis.RankTrajectories;
import io.loopscope.ui.chart.LensTable;
import io.loopscope.ui.chart.RankChartData;
import io.loopscope.ui.engine.LayerLenses;
import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.engine.RunLens;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.vm.RanksViewModel.LayerChoice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * A lens of the focused token as a table: the chart layer's {@link LensTable} (one row per step it
 * ran with the lens's top-k tokens and their probabilities — the model's guess at every iteration —
 * plus entropy and KL to the previous step), with the view's title. The coda lens is the model's
 * decode; a run that also recorded the logit lens (the head without the coda) can switch to it.
 *
 * <p>A run that recorded its layers can be read at a core layer instead of the block output, as the
 * Ranks view reads them (the same choice, counted from 1). A run keeps only the block output's lens,
 * so a layer's is read by the model from layer_states: this view model says which
 * ({@link #requestProperty}), the view reads it off the UI thread ({@link RunResult#layerLenses}) and
 * hands it back ({@link #loaded}).
 */
public final class LensViewModel {

    /** One row of the table on screen. */
    public record Row(int step, List<String> tokens, double[] probs, double entropy, double kl) {
    }

    /** Both lenses of loop layer (0-based, as in layer_states) of run to read. */
    public record Request(RunResult run, int layer) {
    }

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ReadOnlyObjectWrapper<List<Row>> rows = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Select a token");
    private final ObjectProperty<LensKind> kind = new SimpleObjectProperty<>(LensKind.CODA);
    private final ReadOnlyBooleanWrapper hasLogitLens = new ReadOnlyBooleanWrapper(false);
    private final IntegerProperty layer = new SimpleIntegerProperty(RankTrajectories.BLOCK_OUTPUT);
    private LensTable shown;
    private final ReadOnlyObjectWrapper<List<LayerChoice>> layers = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyBooleanWrapper hasLayers = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Request> request = new ReadOnlyObjectWrapper<>();
    /** The layers read of the current run (by 0-based layer), and why one could not be. */
    private final Map<Integer, LayerLenses> loaded = new HashMap<>();
    private final Map<Integer, String> failed = new HashMap<>();
    private int topK;

    LensViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.result = result;
        this.selection = selection;
        result.addListener((o, a, r) -> {
            loaded.clear();
            failed.clear();
        });
        for (Observable o : new Observable[] {result, selection.focusProperty(), kind, layer}) o.addListener(x -> rebuild());
    }

    /** Which lens the table shows; the logit lens only when the run recorded it. */
    public ObjectProperty<LensKind> kindProperty() { return kind; }

    /** Whether the current run recorded the logit lens too (else the switch is off and the coda lens is shown). */
    public ReadOnlyBooleanProperty hasLogitLensProperty() { return hasLogitLens.getReadOnlyProperty(); }

    /** Where the lens reads: {@link RankTrajectories#BLOCK_OUTPUT} (0) or core layer 1..C−1, as in the Ranks view. */
    public IntegerProperty layerProperty() { return layer; }

    /** The layer choice: the block output, and the core layers when the run recorded them. */
    public ReadOnlyObjectProperty<List<LayerChoice>> layersProperty() { return layers.getReadOnlyProperty(); }

    /** Whether the run recorded its layers (a Run with record layers); without, the choice is off. */
    public ReadOnlyBooleanProperty hasLayersProperty() { return hasLayers.getReadOnlyProperty(); }

    /** The layer lens the view should read now, or null when it has what it needs. */
    public ReadOnlyObjectProperty<Request> requestProperty() { return request.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<List<Row>> rowsProperty() { return rows.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public Selection selection() { return selection; }

    public List<Row> rows() {
        return rows.get();
    }

    /** The focused token's table as shown (the chosen lens at the chosen layer), for export; null when none is. */
    public LensTable shown() {
        return shown;
    }

    public Request request() {
        return request.get();
    }

    /** Columns of top-k in the table shown. */
    public int topK() {
        return topK;
    }

    /** A layer's lenses, read; ignored when the view has moved on to another run. */
    public void loaded(Request q, LayerLenses lenses) {
        if (q == null || q.run() != result.get()) return;
        loaded.put(q.layer(), lenses);
        if (q == request.get()) request.set(null);
        rebuild();
    }

    /** A layer that could not be read (why: for the user); ignored when the view has moved on. */
    public void failed(Request q, String why) {
        if (q == null || q.run() != result.get()) return;
        failed.put(q.layer(), why);
        if (q == request.get()) request.set(null);
        rebuild();
    }

    private void rebuild() {
        Request want = table();
        Request now = request.get();
        if (want == null) request.set(null);
        else if (now == null || now.run() != want.run() || now.layer() != want.layer()) request.set(want);
    }

    /** Fills the table and its title; returns the layer lens to read first, or null. */
    private Request table() {
        RunResult r = result.get();
        int loopLayers = r == null || r.trace().generation() != null ? 0 : r.loopLayers();
        hasLayers.set(loopLayers > 0);
        List<LayerChoice> choices = LayerChoice.of(loopLayers);
        if (!choices.equals(layers.get())) layers.set(choices);
        int at = layer.get(), t = selection.focus();
        boolean atLayer = at > RankTrajectories.BLOCK_OUTPUT && at < loopLayers; // else the block output, also for a run without layers
        int j = at - 1;                                                           // core layer at (from 1) is layer_states' layer at − 1
        LayerLenses read = atLayer ? loaded.get(j) : null;
        hasLogitLens.set(r != null && (atLayer ? read != null && read.logit().topK() > 0 : r.analysis().hasLens(LensKind.LOGIT)));
        if (r == null || t < 0 || t >= r.tokens()) {
            show(List.of(), "Select a token", 0);
            return null;
        }
        LensKind shown = hasLogitLens.get() ? kind.get() : LensKind.CODA;
        if (!atLayer) {
            String where = loopLayers > 0 ? " · " + RankChartData.layerName(RankTrajectories.BLOCK_OUTPUT, loopLayers) : "";
            show(LensTable.of(r, t, shown), where, r.analysis().lens(shown).topK());
            return null;
        }
        String name = RankChartData.layerName(at, loopLayers);
        if (read != null) {
            RunLens lens = read.lens(shown);
            show(LensTable.of(r, t, shown, lens, name), "", lens.topK());
            return null;
        }
        if (failed.containsKey(j)) {
            show(List.of(), "Cannot read the lens of " + name + ": " + failed.get(j), 0);
            return null;
        }
        show(List.of(), "Reading both lenses of " + name + " from the run's layer states…", 0);
        return new Request(r, j);
    }

    private void show(LensTable lens, String where, int k) {
        shown = lens.rows().isEmpty() ? null : lens;
        show(lens.rows().stream().map(x -> new Row(x.step(), x.tokens(), x.probs(), x.entropy(), x.kl())).toList(),
                lens.title() + where + " — what the model would predict if it stopped at each step" + lens.note(), k);
    }

    private void show(List<Row> table, String heading, int k) {
        if (table.isEmpty()) shown = null;   // nothing on screen to export
        topK = k;
        rows.set(table);
        title.set(heading);
    }
}
