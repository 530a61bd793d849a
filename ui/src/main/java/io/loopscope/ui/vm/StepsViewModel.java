package io.loopscope.ui.vm;

import io.loopscope.ui.chart.GeneratedSteps;
import io.loopscope.ui.engine.RunResult;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The steps-per-token view: the iterations every generated token ran, as bars. A bar click selects
 * its token, like a chip. A Run has no bars (the view says how to get some).
 */
public final class StepsViewModel {
    private final Selection selection;
    private final ReadOnlyObjectWrapper<GeneratedSteps> data = new ReadOnlyObjectWrapper<>();

    StepsViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.selection = selection;
        result.addListener((o, a, r) -> data.set(r == null ? null : GeneratedSteps.of(r)));
    }

    public ReadOnlyObjectProperty<GeneratedSteps> dataProperty() { return data.getReadOnlyProperty(); }
    public Selection selection() { return selection; }

    /** The bars of the current run, or null for a Run or no run. */
    public GeneratedSteps data() {
        return data.get();
    }

    /** Bar number bar was clicked (with modifiers): its token becomes the selection. */
    public void click(int bar, boolean ctrl, boolean shift) {
        GeneratedSteps d = data.get();
        if (d == null || bar < 0 || bar >= d.bars().size()) return;
        selection.click(d.bars().get(bar).position(), ctrl, shift);
    }
}
