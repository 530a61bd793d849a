package io.loopscope.ui.session;

import io.loopscope.ui.engine.PairComparison;
import io.loopscope.ui.engine.RunResult;
import java.util.Objects;

/**
 * One workbench session: the current run, Compare's run B (or null), and the view state.
 *
 * @param run        the run on screen
 * @param compareRun Compare's run B, or null
 * @param comparison the path-independence comparison of the two, or null (recomputed on load)
 * @param view       selection, settings and view choices
 */
public record SessionState(RunResult run, RunResult compareRun, PairComparison comparison, ViewState view) {
    public SessionState {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(view, "view");
    }
}
