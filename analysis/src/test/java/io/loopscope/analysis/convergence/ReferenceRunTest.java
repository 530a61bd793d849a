package io.loopscope.analysis.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TestTraces;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceRunTest {

    /** One token contracting by 0.5 per step to (3, 4); R steps. */
    static TraceData.Builder run(String name, int r) {
        double[][] x = new double[r + 1][];
        for (int i = 0; i <= r; i++) x[i] = new double[] {3 + Math.pow(0.5, i), 4};
        return TestTraces.builder(name, TestTraces.byStep(x));
    }

    @Test
    void distancesAreMeasuredToTheReferenceEnd() {
        TraceData data = run("short", 4).ids(new long[] {9}).build(), ref = run("long", 40).ids(new long[] {9}).build();
        TraceReport r = TraceAnalysis.analyze(data, AnalysisOptions.defaults(), ref);
        assertEquals("long", r.reference());
        TokenConvergence c = r.convergence().getFirst();
        assertEquals(Math.pow(0.5, 4), c.finalDistance(), 1e-6, "s_4 is 1/16 from the limit (3, 4)");
        assertEquals(Math.pow(0.5, 4) / 5, c.relativeFinalDistance(), 1e-6, "|s*| = 5");
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("reference")), "same ids, longer run: nothing to doubt " + r.notes());
        assertEquals(0.0, TraceAnalysis.analyze(data, AnalysisOptions.defaults()).convergence().getFirst().finalDistance(), "own end without a reference");
    }

    @Test
    void anotherPromptIsAnErrorAndDoubtsAreNotes() {
        TraceData data = run("a", 8).ids(new long[] {9}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceRun.check(data, run("b", 40).ids(new long[] {7}).build(), StateSpace.RAW));
        assertEquals("reference run b is a different prompt: its token ids differ from a's at token 0 (7 vs 9); s* must come from the same prompt", e.getMessage());

        List<String> notes = ReferenceRun.check(data, run("c", 4).build(), StateSpace.RAW);
        assertEquals(List.of("reference run c: c records no ids, so the prompts were matched by shape only",
                "reference run c has R = 4, not more than a's R = 8: s* is not from a longer run"), notes);

        IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
                () -> ReferenceRun.check(data, run("d", 40).ids(new long[] {9}).build(), StateSpace.NORMALIZED));
        assertEquals("reference run d has no ln_f_weight, so its states cannot be normalized; use --space raw", space.getMessage());
    }
}
