package io.loopscope.ui.vm;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.chart.MetricsData;
import io.loopscope.ui.engine.RunResult;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The metrics view: the chart layer's {@link MetricsData} (step size, lens KL and entropy of the
 * selected tokens, with the exit step of the chosen criterion and threshold), rebuilt as they change.
 */
public final class MetricsViewModel {

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ObjectProperty<ExitCriterion> criterion;
    private final DoubleProperty threshold;
    private final ReadOnlyObjectWrapper<MetricsData> data = new ReadOnlyObjectWrapper<>();

    MetricsViewModel(ObjectProperty<RunResult> result, Selection selection, ObjectProperty<ExitCriterion> criterion,
                     DoubleProperty threshold) {
        this.result = result;
        this.selection = selection;
        this.criterion = criterion;
        this.threshold = threshold;
        for (Observable o : new Observable[] {result, selection.tokensProperty(), criterion, threshold}) o.addListener(x -> rebuild());
    }

    public ObjectProperty<ExitCriterion> criterionProperty() { return criterion; }
    public DoubleProperty thresholdProperty() { return threshold; }
    public ReadOnlyObjectProperty<MetricsData> dataProperty() { return data.getReadOnlyProperty(); }

    public MetricsData data() {
        return data.get();
    }

    private void rebuild() {
        RunResult r = result.get();
        data.set(r == null ? null : MetricsData.of(r, selection.tokens(), criterion.get(), threshold.get()));
    }
}
