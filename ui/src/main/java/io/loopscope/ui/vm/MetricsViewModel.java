package io.loopscope.ui.vm;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Per-step metrics of the selected tokens — relative step size, lens KL, lens entropy — with the step
 * at which the chosen exit criterion fires at the chosen threshold.
 */
public final class MetricsViewModel {

    /** One token's curves. exitStep is -1 when the criterion never fires. */
    public record Series(int token, String label, double[] stepSize, double[] kl, double[] entropy, int exitStep) {
    }

    /** What the chart draws. */
    public record Data(List<Series> series, ExitCriterion criterion, double threshold, int lastStep) {
    }

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ObjectProperty<ExitCriterion> criterion;
    private final DoubleProperty threshold;
    private final ReadOnlyObjectWrapper<Data> data = new ReadOnlyObjectWrapper<>();

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
    public ReadOnlyObjectProperty<Data> dataProperty() { return data.getReadOnlyProperty(); }

    public Data data() {
        return data.get();
    }

    /** Which of the three curves the criterion's threshold applies to (for the threshold line), or -1. */
    public static int thresholdPanel(ExitCriterion c) {
        return switch (c) {
            case LATENT_DIFF -> 0;
            case KL, MINP_KL -> 1;
            default -> -1;
        };
    }

    private void rebuild() {
        RunResult r = result.get();
        data.set(r == null ? null : build(r, selection.tokens(), criterion.get(), threshold.get()));
    }

    /** The curves of tokens in run r — what the chart draws on screen, in exported figures and headless. */
    public static Data build(RunResult r, List<Integer> tokens, ExitCriterion criterion, double threshold) {
        RunAnalysis a = r.analysis();
        FloatTensor kl = r.trace().lensKl(), ent = r.trace().lensEntropy();
        int steps = a.steps();
        List<String> names = r.tokenStrings();
        List<Series> out = new ArrayList<>();
        for (int t : tokens) {
            if (t < 0 || t >= a.tokens()) continue; // a selection from the previous run, about to be reset
            double[] size = new double[steps], k = new double[steps], e = new double[steps];
            for (int s = 0; s < steps; s++) {
                size[s] = a.relativeStep(t, s);
                k[s] = kl == null ? Double.NaN : kl.get(s, t);
                e[s] = ent == null ? Double.NaN : ent.get(s, t);
            }
            OptionalInt exit = a.exitStep(criterion, threshold, t);
            out.add(new Series(t, TokenStripViewModel.label(t, names.get(t)), size, k, e, exit.orElse(-1)));
        }
        return new Data(List.copyOf(out), criterion, threshold, steps - 1);
    }
}
