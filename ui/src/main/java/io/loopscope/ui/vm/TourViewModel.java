package io.loopscope.ui.vm;

import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.views.ViewType;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A demo's guided tour: which step is showing, its text, and Next/Back. Showing a step points the
 * workbench at what the text talks about — the view (tab), the tokens (selection) and the step.
 */
public final class TourViewModel {
    private final WorkbenchViewModel workbench;
    private final ObjectProperty<Demo> demo = new SimpleObjectProperty<>();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty position = new SimpleStringProperty("");
    private final ObjectProperty<ViewType> highlightedView = new SimpleObjectProperty<>();
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final BooleanBinding canBack, canNext;

    public TourViewModel(WorkbenchViewModel workbench) {
        this.workbench = workbench;
        canBack = Bindings.createBooleanBinding(() -> index.get() > 0, index);
        canNext = Bindings.createBooleanBinding(() -> demo.get() != null && index.get() >= 0 && index.get() < demo.get().tour().size() - 1, index, demo);
    }

    public ObjectProperty<Demo> demoProperty() { return demo; }
    public IntegerProperty indexProperty() { return index; }
    public StringProperty textProperty() { return text; }
    public StringProperty positionProperty() { return position; }
    public ObjectProperty<ViewType> highlightedViewProperty() { return highlightedView; }
    public BooleanProperty activeProperty() { return active; }
    public BooleanBinding canBack() { return canBack; }
    public BooleanBinding canNext() { return canNext; }

    /** A demo starts: the bar shows its title and "what to look at" while its runs are under way. */
    public void start(Demo d) {
        demo.set(d);
        index.set(-1);
        active.set(true);
        highlightedView.set(null);
        position.set(d.title());
        text.set("Running the demo's prompt… " + d.lookAt());
    }

    /** The runs are on screen: show the first step. */
    public void ready() {
        go(0);
    }

    public void failed(String why) {
        text.set("The demo could not run: " + why);
    }

    public void next() {
        if (canNext.get()) go(index.get() + 1);
    }

    public void back() {
        if (canBack.get()) go(index.get() - 1);
    }

    public void close() {
        active.set(false);
        demo.set(null);
        index.set(-1);
        highlightedView.set(null);
    }

    public Demo.Step current() {
        Demo d = demo.get();
        int i = index.get();
        return d == null || i < 0 ? null : d.tour().get(i);
    }

    /** Shows step i: its text, its view, its tokens selected (the last one focused), its step. */
    public void go(int i) {
        Demo d = demo.get();
        if (d == null || i < 0 || i >= d.tour().size()) return;
        Demo.Step s = d.tour().get(i);
        index.set(i);
        text.set(s.text());
        position.set(d.title() + " — step " + (i + 1) + " of " + d.tour().size());
        RunResult r = workbench.result();
        if (r != null) {
            int step = s.step() < 0 ? r.iterations() : Math.min(s.step(), r.iterations());
            if (!s.tokens().isEmpty()) workbench.selection().restore(r.tokens(), s.tokens(), s.tokens().getLast(), step);
            else workbench.selection().stepProperty().set(step);
        }
        workbench.viewProperty().set(s.view());
        highlightedView.set(s.view());
    }
}
