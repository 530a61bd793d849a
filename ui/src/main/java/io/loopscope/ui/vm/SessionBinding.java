package io.loopscope.ui.vm;

import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.ProbeResult;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.session.SessionState;
import io.loopscope.ui.session.ViewState;
import io.loopscope.ui.views.ViewType;

/**
 * Between the view models and a {@link SessionState}: what to save of the workbench, and how to put a
 * saved session back so that the screen shows what it showed. No controls here (the theme, which
 * lives in the scene, is passed in and returned as a string).
 */
public final class SessionBinding {
    private final WorkbenchViewModel workbench;
    private final CompareViewModel compare;
    private final RunViewModel run;

    public SessionBinding(WorkbenchViewModel workbench, CompareViewModel compare, RunViewModel run) {
        this.workbench = workbench;
        this.compare = compare;
        this.run = run;
    }

    /** The workbench as it is now, or null when there is no run to save. */
    public SessionState capture(String theme) {
        RunResult r = workbench.result();
        if (r == null) return null;
        Selection sel = workbench.selection();
        ViewState.CompareSettings cmp = new ViewState.CompareSettings(compare.modelBProperty().get(), compare.iterationsBProperty().get(),
                compare.initBProperty().get(), compare.seedBProperty().get(), compare.pairProperty().get());
        ViewState v = new ViewState(workbench.criterionProperty().get().id(), workbench.thresholdProperty().get(), sel.tokens(), sel.focus(),
                sel.stepProperty().get(), workbench.viewProperty().get().id(), workbench.trajectories().pairProperty().get(),
                workbench.trajectories().paperPanelsProperty().get(), workbench.tokenStrip().colouringProperty().get().name(), cmp, theme,
                new ViewState.RankSettings(workbench.ranks().tokensProperty().get(), workbench.ranks().layerProperty().get()), probe());
        return new SessionState(r, compare.rightProperty().get(), compare.comparisonProperty().get(), v);
    }

    /** The Probes view's settings and last curve, or null when it holds neither. */
    private ViewState.ProbeState probe() {
        ProbesViewModel p = workbench.probes();
        ProbeSettings form = p.settingsOrNull();
        ProbeResult last = p.resultProperty().get();
        return form == null && last == null ? null : new ViewState.ProbeState(form, last);
    }

    /** Puts a session on screen: the run bar (mode and Generate settings too), the runs, the settings, the selection and the view. */
    public void apply(SessionState s) {
        RunSpec spec = s.run().spec();
        ViewState v = s.view();
        run.show(spec); // with its mode and Generate settings
        selectModel(spec.model());
        run.finished(s.run());
        workbench.resultProperty().set(s.run()); // resets selection and Compare; the saved values follow
        ExitCriterion c = ExitCriterion.byId(v.criterion());
        workbench.criterionProperty().set(c);
        workbench.thresholdProperty().set(v.threshold()); // after the criterion, which resets it to its default
        try {
            workbench.tokenStrip().colouringProperty().set(TokenStripViewModel.Colouring.valueOf(v.colouring()));
        } catch (IllegalArgumentException e) {
            // a colouring this version does not know: keep the default
        }
        TrajectoryViewModel t = workbench.trajectories();
        t.paperPanelsProperty().set(v.paperPanels());
        if (t.pairs().contains(v.pair())) t.pairProperty().set(v.pair());
        workbench.selection().restore(s.run().tokens(), v.tokens(), v.focus(), Math.min(v.step(), s.run().iterations()));
        if (v.compare() != null) {
            if (v.compare().model() != null) compare.modelBProperty().set(v.compare().model());
            compare.iterationsBProperty().set(v.compare().iterations());
            compare.initBProperty().set(v.compare().init());
            compare.seedBProperty().set(v.compare().seed());
            compare.pairProperty().set(v.compare().pair());
        }
        if (s.compareRun() != null) compare.finished(s.compareRun(), s.comparison(), s.compareInFrameOfA());
        workbench.ranks().tokensProperty().set(v.ranks().tokens());
        workbench.ranks().layerProperty().set(v.ranks().layer());
        // the probe reads its own prompts, not the run's: a session without one leaves the view's probe alone
        if (v.probe() != null) workbench.probes().restore(v.probe().form(), v.probe().last());
        ViewType.find(v.view()).ifPresent(workbench.viewProperty()::set); // a view this version does not know: keep the current one
    }

    private void selectModel(ModelRef ref) {
        if (ref == null) return;
        if (run.models().contains(ref)) run.modelProperty().set(ref);
        else if (!ref.embedded()) run.openFolder(ref.directory());
    }
}
