package io.loopscope.ui.vm;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.views.ViewType;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The root of the view-model tree: the current run, the selection and the exit criterion every view
 * shares, and one child view model per view. A new result resets the selection, and every child
 * listens to result and selection — so "the selection drives every view" holds by construction.
 */
public final class WorkbenchViewModel {
    /** How many tokens a fresh run selects: enough to compare, few enough to read. */
    static final int DEFAULT_SELECTION = 3;

    private final ObjectProperty<RunResult> result = new SimpleObjectProperty<>();
    private final Selection selection = new Selection();
    private final ObjectProperty<ExitCriterion> criterion = new SimpleObjectProperty<>(ExitCriterion.KL);
    private final DoubleProperty threshold = new SimpleDoubleProperty(ExitCriterion.KL.defaultThreshold());
    /** The open view (tab): sessions save it and demo tours switch it; the main controller binds the tabs to it. */
    private final ObjectProperty<ViewType> view = new SimpleObjectProperty<>(ViewType.TRAJECTORIES);

    /** A generation in flight, which the token strip shows until its result arrives. */
    private final LiveGeneration live = new LiveGeneration();
    private final TokenStripViewModel tokenStrip;
    private final TrajectoryViewModel trajectories;
    private final HeatmapViewModel heatmap;
    private final MetricsViewModel metrics;
    private final LensViewModel lens;
    private final RanksViewModel ranks;
    private final MotifCardViewModel motifCard;
    private final WaterfallViewModel waterfall;
    private final StepsViewModel steps;
    /** The probe reads its own prompts, so it follows neither the result nor the selection. */
    private final ProbesViewModel probes = new ProbesViewModel();

    public WorkbenchViewModel() {
        // a new criterion brings its own default threshold; the user may then edit it
        criterion.addListener((o, a, c) -> threshold.set(c.defaultThreshold()));
        tokenStrip = new TokenStripViewModel(result, selection, criterion, threshold, live);
        trajectories = new TrajectoryViewModel(result, selection);
        heatmap = new HeatmapViewModel(result, selection);
        metrics = new MetricsViewModel(result, selection, criterion, threshold);
        lens = new LensViewModel(result, selection);
        ranks = new RanksViewModel(result, selection);
        motifCard = new MotifCardViewModel(result, selection);
        waterfall = new WaterfallViewModel(result, selection);
        steps = new StepsViewModel(result, selection);
        // after the children's own result listeners (the trajectory view sets its last step first);
        // until this runs, children may see the previous run's selection, so they clip it to the run
        result.addListener((o, a, r) -> {
            if (r != null) selection.reset(r.tokens(), r.iterations(), defaultSelection(r.tokens()));
            if (r != null) followGeneration(r);
        });
    }

    /**
     * A generation's exit criterion and threshold become the metrics' and chips', so their exit
     * markers sit where the generated tokens really stopped (the analysis computes the same step).
     * A reopened session then restores its own saved choice.
     */
    private void followGeneration(RunResult r) {
        var g = r.trace().generation();
        if (g == null) return;
        ExitCriterion c;
        try {
            c = ExitCriterion.byId(g.settings().exitCriterion());
        } catch (IllegalArgumentException e) {
            return; // a criterion this version does not know: keep the current one
        }
        if (c == ExitCriterion.NONE) return;
        criterion.set(c);
        threshold.set(g.settings().exitThreshold()); // after the criterion, which resets it to its default
    }

    /** The last few tokens: in a prompt the later tokens are the ones that have seen the most context. */
    static List<Integer> defaultSelection(int tokens) {
        List<Integer> out = new ArrayList<>();
        for (int t = Math.max(0, tokens - DEFAULT_SELECTION); t < tokens; t++) out.add(t);
        return out;
    }

    public ObjectProperty<RunResult> resultProperty() { return result; }
    public Selection selection() { return selection; }
    public ObjectProperty<ExitCriterion> criterionProperty() { return criterion; }
    public DoubleProperty thresholdProperty() { return threshold; }
    public ObjectProperty<ViewType> viewProperty() { return view; }
    public LiveGeneration live() { return live; }
    public TokenStripViewModel tokenStrip() { return tokenStrip; }
    public TrajectoryViewModel trajectories() { return trajectories; }
    public HeatmapViewModel heatmap() { return heatmap; }
    public MetricsViewModel metrics() { return metrics; }
    public LensViewModel lens() { return lens; }
    public RanksViewModel ranks() { return ranks; }
    public MotifCardViewModel motifCard() { return motifCard; }
    public WaterfallViewModel waterfall() { return waterfall; }
    public StepsViewModel steps() { return steps; }
    public ProbesViewModel probes() { return probes; }

    public RunResult result() {
        return result.get();
    }
}
