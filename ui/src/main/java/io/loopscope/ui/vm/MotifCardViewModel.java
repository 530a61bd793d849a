package io.loopscope.ui.vm;

import io.loopscope.ui.colour.MotifColours;
import io.loopscope.ui.engine.MotifSummary;
import io.loopscope.ui.engine.RunResult;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.paint.Color;

/** The motif card: the focused token's motif and its evidence in plain words. */
public final class MotifCardViewModel {
    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ReadOnlyStringWrapper token = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("Run a prompt and select a token to see how its state moves.");
    private final ReadOnlyObjectWrapper<List<String>> evidence = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<Color> colour = new ReadOnlyObjectWrapper<>(Color.GRAY);

    MotifCardViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.result = result;
        this.selection = selection;
        for (Observable o : new Observable[] {result, selection.focusProperty()}) o.addListener(x -> rebuild());
    }

    public ReadOnlyStringProperty tokenProperty() { return token.getReadOnlyProperty(); }
    public ReadOnlyStringProperty labelProperty() { return label.getReadOnlyProperty(); }
    public ReadOnlyStringProperty headlineProperty() { return headline.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<String>> evidenceProperty() { return evidence.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Color> colourProperty() { return colour.getReadOnlyProperty(); }

    private void rebuild() {
        RunResult r = result.get();
        int t = selection.focus();
        if (r == null || t < 0 || t >= r.tokens()) {
            token.set("");
            label.set("—");
            headline.set("Run a prompt and select a token to see how its state moves.");
            evidence.set(List.of());
            colour.set(Color.GRAY);
            return;
        }
        MotifSummary m = r.analysis().motif(t);
        token.set(TokenStripViewModel.label(t, r.tokenStrings().get(t)));
        label.set(m.displayLabel());
        headline.set(m.headline());
        String ran = io.loopscope.ui.chart.LensTable.ranNote(r, t);
        if (ran.isEmpty()) {
            evidence.set(m.evidence());
        } else {
            // the classifier reads a generated token over R steps, held at its exit: say so before its numbers
            List<String> lines = new java.util.ArrayList<>();
            lines.add(ran.substring(2, ran.length() - 1) + "; its state is held at the exit after that");
            lines.addAll(m.evidence());
            evidence.set(List.copyOf(lines));
        }
        colour.set(MotifColours.of(m.label()));
    }
}
