package io.loopscope.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeCurve.Point;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.analysis.probe.ProbeSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Probes view's title and summary line say what the curve shows. */
class ProbeResultTest {

    private static ProbeResult result(ProbeLabel label, Integer position, double[] probe, double[] control, double[] lens) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < probe.length; i++) points.add(new Point(i, probe[i], control[i], lens == null ? Double.NaN : lens[i]));
        ProbeSettings s = new ProbeSettings(new ProbeSource.TaskPrompts("sum", null, 80), label, position, probe.length - 1, 4, 0);
        return new ProbeResult(s, 80, "embedded", new ProbeCurve(label.id(), 10, 0.1, points));
    }

    @Test
    void saysWhereTheLabelBecomesDecodableAndWhereTheLensGetsItRight() {
        ProbeResult r = result(ProbeLabel.ANSWER, null, new double[] {0.1, 0.3, 0.55, 0.7}, new double[] {0.08, 0.14, 0.1, 0.12},
                new double[] {0, 0.6, 0.9, 1});
        assertEquals("the answer becomes linearly decodable (≥ 0.5) at iteration 2; the lens gets it right (≥ 0.5) at iteration 1"
                + " · control at most 0.14 (chance 0.10)", r.summary());
        assertEquals("answer probe · sum 2..6, 80 prompts · R = 3 · 4 folds · embedded", r.title());
        ProbeResult never = result(ProbeLabel.RUNNING, 2, new double[] {0.1, 0.2, 0.4}, new double[] {0.1, 0.1, 0.1}, new double[] {0, 0.1, 0.3});
        assertEquals("running total 2 never becomes linearly decodable (≥ 0.5) by iteration 2 (best 0.40 at iteration 2);"
                + " the lens never gets it right (≥ 0.5)"
                + " · control at most 0.10 (chance 0.10)", never.summary());
    }

    @Test
    void theIterationProbeListsTheIterationsItTellsApart() {
        ProbeResult r = result(ProbeLabel.ITERATION, null, new double[] {0.9, 0.8, 0.6, 0.2, 0.1, 0.7, 0.3}, new double[7], null);
        assertEquals("the iteration is linearly decodable (recall ≥ 0.5) at iterations 0–2, 5 of 0–6 · control at most 0.00 (chance 0.10)",
                r.summary());
        ProbeResult last = result(ProbeLabel.ITERATION, null, new double[] {0.2, 0.1, 0.6}, new double[3], null);
        assertEquals("the iteration is linearly decodable (recall ≥ 0.5) at iteration 2 of 0–2 · control at most 0.00 (chance 0.10)", last.summary());
    }
}
