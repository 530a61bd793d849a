package io.loopscope.ui.vm;

import io.loopscope.ui.chart.Planes;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The paper's waterfall: every token's path in PC1–PC2, stacked along token position, so a glance
 * shows which positions settle and which keep moving. Selected tokens are drawn emphasised.
 */
public final class WaterfallViewModel {

    /** pc1/pc2 are [token][step]; selected the emphasised tokens. */
    public record Data(double[][] pc1, double[][] pc2, List<String> labels, Set<Integer> selected, String xLabel, String yLabel) {
        public int tokens() {
            return pc1.length;
        }

        public int steps() {
            return pc1.length == 0 ? 0 : pc1[0].length;
        }
    }

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ReadOnlyObjectWrapper<Data> data = new ReadOnlyObjectWrapper<>();

    WaterfallViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.result = result;
        this.selection = selection;
        for (Observable o : new Observable[] {result, selection.tokensProperty()}) o.addListener(x -> rebuild());
    }

    public ReadOnlyObjectProperty<Data> dataProperty() { return data.getReadOnlyProperty(); }

    public Data data() {
        return data.get();
    }

    private void rebuild() {
        RunResult r = result.get();
        if (r == null || r.analysis().components() < 2) {
            data.set(null);
            return;
        }
        RunAnalysis a = r.analysis();
        double[][] x = new double[a.tokens()][a.steps()], y = new double[a.tokens()][a.steps()];
        for (int t = 0; t < a.tokens(); t++) {
            for (int s = 0; s < a.steps(); s++) {
                x[t][s] = a.projection(t, s, 0);
                y[t][s] = a.projection(t, s, 1);
            }
        }
        List<String> labels = new ArrayList<>();
        List<String> names = r.tokenStrings();
        for (int t = 0; t < names.size(); t++) labels.add(TokenStripViewModel.display(names.get(t)));
        data.set(new Data(x, y, List.copyOf(labels), new TreeSet<>(selection.tokens()), Planes.axisLabel(a, 0), Planes.axisLabel(a, 1)));
    }
}
