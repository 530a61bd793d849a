package io.loopscope.ui.session;

import io.loopscope.ui.engine.PairComparison;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunResult;
import java.util.Objects;

/**
 * One workbench session: the current run, Compare's run B (or null), and the view state.
 *
 * @param run        the run on screen
 * @param compareRun Compare's run B, or null
 * @param comparison the path-independence comparison of the two, or null (recomputed on load)
 * @param view       selection, settings and view choices
 * @param compareInFrameOfA run B's analysis in A's PCA frame, or null (recomputed on load)
 */
public record SessionState(RunResult run, RunResult compareRun, PairComparison comparison, ViewState view, RunAnalysis compareInFrameOfA) {
    public SessionState {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(view, "view");
    }

    public SessionState(RunResult run, RunResult compareRun, PairComparison comparison, ViewState view) {
        this(run, compareRun, comparison, view, null);
    }
}
