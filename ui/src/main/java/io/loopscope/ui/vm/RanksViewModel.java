package io.loopscope.ui.vm;

import io.loopscope.analysis.RankTrajectories;
import io.loopscope.ui.chart.RankChartData;
import io.loopscope.ui.chart.TokenLabels;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.TrackedTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Ranks view: where tracked tokens rank at the focused position after every step, under the coda
 * lens and the logit lens, at the block output or a core layer. The tokens are typed (blank: each
 * lens's final guess there and the answer). A workbench run keeps no full lens, so ranks are read
 * by the model from the run's states: this view model says which ranks it needs ({@link #requestProperty}),
 * the view reads them off the UI thread ({@link RunResult#ranks(long[], boolean, java.util.function.BooleanSupplier)}) and hands them back
 * ({@link #loaded}); until then, and whenever a chart cannot be drawn, {@link #messageProperty} says why.
 */
public final class RanksViewModel {

    /** Ranks to read: ids in run, with layers at its core layers too (the ids' order is irrelevant; the chart keeps the typed order). */
    public record Request(RunResult run, long[] ids, boolean layers) {
        public Request {
            ids = ids.clone();
        }

        @Override
        public long[] ids() {
            return ids.clone();
        }
    }

    /** One entry of the layer choice: {@link RankTrajectories#BLOCK_OUTPUT} or core layer 1..C−1. */
    public record LayerChoice(int layer, String label) {
        @Override
        public String toString() {
            return label;
        }

        /** The block output first (what the other views read), then the core layers before the last, whose output it is. */
        public static List<LayerChoice> of(int loopLayers) {
            List<LayerChoice> out = new ArrayList<>();
            out.add(new LayerChoice(RankTrajectories.BLOCK_OUTPUT, RankChartData.layerName(RankTrajectories.BLOCK_OUTPUT, loopLayers)));
            for (int j = 1; j < loopLayers; j++) out.add(new LayerChoice(j, RankChartData.layerName(j, loopLayers)));
            return List.copyOf(out);
        }
    }

    private static final String NO_RUN = "Run a prompt and select a token to see where chosen tokens rank at every step.";

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final StringProperty tokens = new SimpleStringProperty("");
    private final IntegerProperty layer = new SimpleIntegerProperty(RankTrajectories.BLOCK_OUTPUT);
    private final ReadOnlyStringWrapper defaults = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<LayerChoice>> layers = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper layerNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Request> request = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RankChartData> chart = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(NO_RUN);
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper problem = new ReadOnlyBooleanWrapper(false);
    /** The ranks read last and the run they belong to: a new focus whose tokens they cover needs no new reading. */
    private RankTrajectories loaded;
    private RunResult loadedFor;
    /** A reading that failed, so the same one is not asked for again and again. */
    private Request failed;
    private String failure;

    RanksViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.result = result;
        this.selection = selection;
        result.addListener((o, a, r) -> {
            loaded = null;
            loadedFor = null;
            failed = null;
        });
        for (Observable o : new Observable[] {result, selection.focusProperty(), tokens, layer}) o.addListener(x -> rebuild());
    }

    /** The tracked tokens as typed: spaces or commas between them, #17 for an id; blank for the defaults. */
    public StringProperty tokensProperty() { return tokens; }

    /** The layer read: {@link RankTrajectories#BLOCK_OUTPUT} or a core layer 1..C (C: its output is the block's). */
    public IntegerProperty layerProperty() { return layer; }

    /** The default tracked tokens at the focused position, as they would be typed. */
    public ReadOnlyStringProperty defaultsProperty() { return defaults.getReadOnlyProperty(); }

    /** The layers this run can be read at: the block output, and the core layers when the run recorded them. */
    public ReadOnlyObjectProperty<List<LayerChoice>> layersProperty() { return layers.getReadOnlyProperty(); }

    /** Beside the layer choice: how to get the core layers when the run has none. */
    public ReadOnlyStringProperty layerNoteProperty() { return layerNote.getReadOnlyProperty(); }

    /** The ranks the view should read now, or null when it has what it needs. */
    public ReadOnlyObjectProperty<Request> requestProperty() { return request.getReadOnlyProperty(); }

    /** The chart, or null when there is none to draw (then the message says why). */
    public ReadOnlyObjectProperty<RankChartData> chartProperty() { return chart.getReadOnlyProperty(); }

    /** Why there is no chart, what is being read, or what was wrong with the typed tokens; "" when all is drawn. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty readingProperty() { return reading.getReadOnlyProperty(); }

    /** Whether the message is a problem to fix (tokens that cannot be tracked, a reading that failed) rather than a notice. */
    public ReadOnlyBooleanProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public Selection selection() { return selection; }

    public RankChartData chart() {
        return chart.get();
    }

    public Request request() {
        return request.get();
    }

    /** The ranks of a request, read; ignored when the view has moved on to another one. */
    public void loaded(Request q, RankTrajectories ranks) {
        if (q == null || q != request.get()) return;
        loaded = ranks;
        loadedFor = q.run();
        request.set(null);
        reading.set(false);
        rebuild();
    }

    /** A request that could not be read (why: for the user); ignored when the view has moved on. */
    public void failed(Request q, String why) {
        if (q == null || q != request.get()) return;
        failed = q;
        failure = why;
        request.set(null);
        reading.set(false);
        rebuild();
    }

    private void rebuild() {
        problem.set(false);
        RunResult r = result.get();
        int t = selection.focus();
        boolean missing = r != null && layer.get() > r.loopLayers();   // e.g. a session saved on a layered run, or the run before
        List<LayerChoice> available = r == null ? List.of() : choices(r.loopLayers(), missing ? layer.get() : -1);
        if (!available.equals(layers.get())) layers.set(available);
        layerNote.set(r == null || r.loopLayers() > 0 || missing ? ""
                : "This run recorded the block output only: turn on \u201crecord layers\u201d in the run bar and run again to read inside the block.");
        if (r == null || t < 0 || t >= r.tokens()) {
            show(null, NO_RUN);
            defaults.set("");
            return;
        }
        long[] defaultIds = TrackedTokens.defaults(r, t);
        defaults.set(Arrays.stream(defaultIds).mapToObj(id -> TrackedTokens.spell(id, r.model())).collect(Collectors.joining(" ")));
        if (r.trace().generation() != null) {
            show(null, "Ranks are read again from a Run's states; a generation decoded each new token against its cache, which the run does"
                    + " not keep. Compare's Run B runs its text in one pass: read the ranks there.");
            return;
        }
        if (missing) {
            show(null, r.loopLayers() == 0
                    ? "Core layer " + layer.get() + " was asked for, but this run recorded no layer states: turn on \u201crecord layers\u201d"
                      + " in the run bar and run again."
                    : "Core layer " + layer.get() + " was asked for, but the loop has " + r.loopLayers() + " layers.");
            return;
        }
        long[] ids;
        try {
            ids = tokens.get().isBlank() ? defaultIds : TrackedTokens.parse(tokens.get(), r.model());
        } catch (IllegalArgumentException e) {
            request.set(null);
            reading.set(false);
            message.set(e.getMessage() + (chart.get() == null ? "" : " — the chart still shows the tokens before"));
            problem.set(true);
            return;
        }
        if (ids.length == 0) {
            show(null, "This run recorded no lens to take default tokens from: type the tokens to track.");
            return;
        }
        // the block output alone is a third of the work on a two-layer core: core layers are read when one is shown
        boolean layers = layer.get() != RankTrajectories.BLOCK_OUTPUT;
        if (loaded != null && loadedFor == r && loaded.covers(ids) && (!layers || loaded.layers() > 0)) {
            show(RankChartData.of(r, loaded, t, ids, layer.get()), "");
            return;
        }
        Request q = new Request(r, withLoaded(r, ids), layers);
        if (failed != null && failed.run() == r && Arrays.equals(failed.ids(), q.ids()) && failed.layers() == q.layers()) {
            show(null, "Cannot read the ranks: " + failure);
            problem.set(true);
            return;
        }
        Request now = request.get();
        if (now != null && now.run() == r && Arrays.equals(now.ids(), q.ids()) && now.layers() == q.layers()) return; // already being read
        chart.set(null);
        message.set("Reading the ranks of " + Arrays.stream(ids).mapToObj(id -> "'" + TokenLabels.display(r.tokenString(id)) + "'")
                .collect(Collectors.joining(", ")) + " from the run's states" + (layers ? " and its core layers" : "") + "…");
        reading.set(true);
        request.set(q);
    }

    /** The ids to read: these, plus those read before while there is room, so moving the focus back needs no new reading. */
    private long[] withLoaded(RunResult r, long[] ids) {
        List<Long> out = new ArrayList<>();
        for (long id : ids) out.add(id);
        if (loaded != null && loadedFor == r) {
            for (long id : loaded.ids()) {
                if (out.size() < io.loopscope.inference.trace.TraceRequest.MAX_RANK_IDS && !out.contains(id)) out.add(id);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private void show(RankChartData data, String why) {
        request.set(null);
        reading.set(false);
        chart.set(data);
        message.set(why);
    }

    /**
     * The block output first (what the other views read), then the core layers before the last, whose
     * output it is; and a layer asked for that the run lacks (≥ 1, else none), so the choice shows it.
     */
    private static List<LayerChoice> choices(int loopLayers, int lacking) {
        List<LayerChoice> out = new ArrayList<>(LayerChoice.of(loopLayers));
        if (lacking > loopLayers) out.add(new LayerChoice(lacking, "core layer " + lacking + " (not recorded)"));
        return List.copyOf(out);
    }
}
