package io.loopscope.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.Generator;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generate run read by the analysis: from memory and from its NPZ, each position over the steps it ran. */
class GenerationTraceTest {
    static Trace trace;
    static int prompt;

    @BeforeAll
    static void generate() throws Exception {
        ModelHandle model = ModelHandle.open(EmbeddedModel.directory());
        long[] ids = model.encode("4+7+1=");
        prompt = ids.length;
        trace = Generator.run(model.subject(), new GenerationRequest(ids, 6, 16, ExitCriterion.KL, 5e-4, KvSharing.LATEST,
                new StateInit.Random(2), false), model::tokenString, "test", GenerationListener.NONE, () -> false);
    }

    @Test
    void aStoppedPositionKeepsItsExitStateAndItsLensStopsMoving(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("g.npz");
        TraceFile.write(file, trace);
        float[] recorded = trace.states().data().clone();
        for (TraceData data : new TraceData[] {TraceLoader.fromTrace(trace, "g"), TraceLoader.load(file)}) {
            assertArrayEquals(trace.generation().steps(), data.generation().steps());
            boolean someStoppedEarly = false;
            for (int t = 0; t < data.tokens(); t++) {
                int ran = data.ranSteps(t);
                assertEquals(t < prompt ? 16 : trace.generation().stepsAt(t), ran, "token " + t);
                someStoppedEarly |= ran < 16;
                double[] exit = data.state(ran, t, StateSpace.RAW);
                for (int i = ran + 1; i <= 16; i++) {
                    assertArrayEquals(exit, data.state(i, t, StateSpace.RAW), "token " + t + " step " + i);
                    assertEquals(0, data.lensKl(i, t));
                    assertEquals(data.lensTop1(ran, t), data.lensTop1(i, t));
                }
            }
            assertTrue(someStoppedEarly, "kl at 5e-4 stops some generated token before R = 16");
            assertTrue(data.notes().stream().anyMatch(n -> n.contains("held at the exit")), data.notes().toString());
            TraceReport report = TraceAnalysis.analyze(data, AnalysisOptions.defaults());
            assertEquals(data.tokens(), report.tokens().size());
            java.util.List<Integer> offline = report.exitSteps().get(ExitCriterion.KL).steps();
            for (int t = prompt; t < data.tokens(); t++) {       // the one ExitCheck rule, online and offline
                assertEquals(trace.generation().stepsAt(t), offline.get(t), "kl exit of generated position " + t);
                assertEquals("generated, ran " + trace.generation().stepsAt(t) + " of 16 (kl)", report.generatedNote(t));
            }
            assertEquals("", report.generatedNote(0));
        }
        assertArrayEquals(recorded, trace.states().data(), "the in-memory trace keeps its recorded (zero) states");
    }
}
