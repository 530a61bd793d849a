package io.loopscope.ui.vm;

import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.Planes;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Trajectories in PC planes: which pair (or the paper's three panels), the selected tokens' paths,
 * and the animation — the slider's step is the shared selection step, Play advances it one step per
 * {@link #tick()} (the controller's timeline calls tick; tests call it directly).
 *
 * <p>Paths are rebuilt only when the run, the selection or the pair changes; scrubbing changes only
 * the step, which the chart shows by hiding later points — no dataset rebuild per frame.
 */
public final class TrajectoryViewModel {
    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ObservableList<PcPair> pairs = FXCollections.observableArrayList();
    private final ObjectProperty<PcPair> pair = new SimpleObjectProperty<>(new PcPair(0, 1));
    private final BooleanProperty paperPanels = new SimpleBooleanProperty(false);
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper lastStep = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<List<PlaneData>> planes = new ReadOnlyObjectWrapper<>(List.of());

    TrajectoryViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.result = result;
        this.selection = selection;
        result.addListener((o, a, r) -> {
            playing.set(false);
            lastStep.set(r == null ? 0 : r.iterations());
            PcPair keep = pair.get();
            pairs.setAll(r == null ? List.of() : Planes.pairsFor(r.analysis().components()));
            pair.set(pairs.contains(keep) ? keep : pairs.isEmpty() ? keep : pairs.getFirst());
        });
        for (Observable o : new Observable[] {result, selection.tokensProperty(), pair, paperPanels}) o.addListener(x -> rebuild());
    }

    public ObservableList<PcPair> pairs() { return pairs; }
    public ObjectProperty<PcPair> pairProperty() { return pair; }
    public BooleanProperty paperPanelsProperty() { return paperPanels; }
    public BooleanProperty playingProperty() { return playing; }
    public IntegerProperty stepProperty() { return selection.stepProperty(); }
    public ReadOnlyIntegerProperty lastStepProperty() { return lastStep.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<PlaneData>> planesProperty() { return planes.getReadOnlyProperty(); }

    public List<PlaneData> planes() {
        return planes.get();
    }

    /** Play from the start when at the end; otherwise continue from the current step. */
    public void togglePlay() {
        if (playing.get()) {
            playing.set(false);
            return;
        }
        if (result.get() == null) return;
        if (selection.stepProperty().get() >= lastStep.get()) selection.stepProperty().set(0);
        playing.set(true);
    }

    /** One animation frame: the next step; stops at the last. */
    public void tick() {
        if (!playing.get()) return;
        int next = selection.stepProperty().get() + 1;
        if (next >= lastStep.get()) {
            selection.stepProperty().set(lastStep.get());
            playing.set(false);
        } else {
            selection.stepProperty().set(next);
        }
    }

    private void rebuild() {
        RunResult r = result.get();
        if (r == null || r.analysis().components() < 2) {
            planes.set(List.of());
            return;
        }
        List<Integer> tokens = selection.tokens();
        List<PcPair> shown = paperPanels.get() ? Planes.paperPairs(r.analysis().components()) : List.of(pair.get());
        List<PlaneData> out = new ArrayList<>();
        for (PcPair p : shown) out.add(Planes.plane(r, p, tokens));
        planes.set(List.copyOf(out));
    }
}
