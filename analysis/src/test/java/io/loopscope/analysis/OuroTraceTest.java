package io.loopscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.loopscope.inference.testing.RequiresFixtures;

/** An Ouro trace through the analysis: the gate criterion offline, and loops past training marked. */
@RequiresFixtures
class OuroTraceTest {

    @Test
    void theGateExitOfflineEqualsTheRecordedOneAndLoopsPastTrainingAreMarked(@TempDir Path dir) throws Exception {
        ModelHandle model = ModelHandle.open(Fixtures.ouroTiny().resolve("f32"));
        Trace trace = Tracer.run(model.subject(), new TraceRequest(new long[] {5, 17, 3, 9, 250, 41, 7}, 8, new StateInit.Zeros(), 5, false,
                ExitThresholds.parse("gate=0.5"), TraceRequest.DEFAULT_MAX_ITERATIONS, null), List.of(), "test", s -> { }, () -> false);
        Path file = dir.resolve("ouro.npz");
        TraceFile.write(file, trace);
        List<Integer> recorded = trace.info().exitSteps().get("gate");
        for (TraceData data : new TraceData[] {TraceLoader.fromTrace(trace, "ouro"), TraceLoader.load(file)}) {
            assertTrue(data.hasExitLambda());
            TraceReport report = TraceAnalysis.analyze(data, AnalysisOptions.defaults().withExitThresholds(ExitThresholds.parse("gate=0.5")));
            assertEquals(recorded, report.exitSteps().get(ExitCriterion.GATE).steps(), "the one ExitCheck rule, online and offline");
            assertTrue(data.notes().stream().anyMatch(n -> n.contains("loops 5–8 extrapolate") && n.contains("total_ut_steps = 4")), data.notes().toString());
        }
    }
}
