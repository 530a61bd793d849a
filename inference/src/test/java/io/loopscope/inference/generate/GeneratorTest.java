package io.loopscope.inference.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generation on the embedded model: the cached path equals a prompt pass, stops, streaming and cancellation. */
class GeneratorTest {
    static ModelHandle model;

    @BeforeAll
    static void open() throws Exception {
        model = ModelHandle.open(EmbeddedModel.directory());
    }

    private static GenerationRequest request(String prompt, int n, int r, ExitCriterion exit, double threshold, StopRule stop) {
        return new GenerationRequest(model.encode(prompt), n, r, exit, threshold, KvSharing.LATEST, new StateInit.Random(1), false,
                Sampling.GREEDY, stop, 5, false, TraceRequest.DEFAULT_MAX_ITERATIONS);
    }

    private static Trace run(GenerationRequest request, GenerationListener listener) {
        return Generator.run(model.subject(), request, model::tokenString, "test", listener, () -> false);
    }

    @Test
    void fixedRGenerationEqualsAPromptPassOverTheWholeText() {
        Trace generated = run(request("47+85=", 6, 12, ExitCriterion.NONE, 0, StopRule.NONE), GenerationListener.NONE);
        long[] positions = generated.ids();
        Trace pass = Tracer.run(model.subject(), new TraceRequest(positions, 12, new StateInit.Random(1)), List.of(), "test",
                step -> { }, () -> false);
        double states = maxError(pass.states().data(), generated.states().data());
        double logits = maxError(pass.logits().data(), generated.logits().data());
        assertTrue(states < 1e-4 && logits < 1e-4, "states " + states + ", logits " + logits);
        for (int t = 5; t < positions.length - 1; t++) {                 // greedy: each fed token is the argmax of the position before
            assertEquals(positions[t + 1], Sampling.GREEDY.start().next(java.util.Arrays.copyOfRange(generated.logits().data(),
                    t * generated.logits().dim(1), (t + 1) * generated.logits().dim(1))), "position " + t);
        }
    }

    /** The same on a random SLR model with every stabiliser (a step-dependent loop with a residual to s_0). */
    @Test
    void fixedRGenerationOnAnSlrModelEqualsAPromptPass() {
        var config = io.loopscope.inference.testing.SlrModels.BASE.withSlr(io.loopscope.inference.testing.SlrModels.VARIANTS.getLast());
        var slr = new io.loopscope.inference.trace.Tracer.Subject(new io.loopscope.inference.model.HuginnModel(config,
                io.loopscope.inference.testing.SlrModels.weights(config, 5)), "random-slr", null);
        GenerationRequest request = new GenerationRequest(new long[] {4, 8, 15, 16}, 5, 6, ExitCriterion.NONE, 0, KvSharing.LATEST,
                new StateInit.Random(1), false, Sampling.GREEDY, StopRule.NONE, 5, false, TraceRequest.DEFAULT_MAX_ITERATIONS);
        Trace generated = Generator.run(slr, request, id -> "#" + id, "test", GenerationListener.NONE, () -> false);
        Trace pass = Tracer.run(slr, new TraceRequest(generated.ids(), 6, new StateInit.Random(1)), List.of(), "test", step -> { },
                () -> false);
        double states = maxError(pass.states().data(), generated.states().data());
        double logits = maxError(pass.logits().data(), generated.logits().data());
        assertTrue(states < 1e-4 && logits < 1e-4, "states " + states + ", logits " + logits);
        assertEquals("slr", generated.info().config().get("family"));
    }

    @Test
    void anEndTokenStopsAndIsKept() {
        Trace free = run(request("47+85=", 8, 8, ExitCriterion.NONE, 0, StopRule.NONE), GenerationListener.NONE);
        long third = free.generation().generatedIds()[2];
        Trace stopped = run(request("47+85=", 8, 8, ExitCriterion.NONE, 0, new StopRule(Set.of(third), List.of(), model::decode)),
                GenerationListener.NONE);
        long[] ids = stopped.generation().generatedIds();
        assertEquals("end-token", stopped.generation().settings().stopReason());
        assertEquals(third, ids[ids.length - 1]);
        assertTrue(ids.length <= 3, "stopped at the first occurrence");
        assertEquals(stopped.tokenCount(), 6 + ids.length - 1, "the last token is never fed back");
    }

    @Test
    void everyTokenIsHeardAsItIsChosenWithTheStepsItsPositionRan() {
        List<long[]> heard = new ArrayList<>();
        AtomicInteger steps = new AtomicInteger();
        Trace trace = run(request("4+7+1=", 5, 16, ExitCriterion.KL, 5e-4, StopRule.NONE), new GenerationListener() {
            @Override
            public void onStep(int position, int step) {
                steps.incrementAndGet();
            }

            @Override
            public void onToken(int index, long id, int position, int ran) {
                heard.add(new long[] {index, id, position, ran});
            }
        });
        long[] ids = trace.generation().generatedIds();
        assertEquals(ids.length, heard.size());
        int[] ran = trace.generation().steps();
        long total = 16;                                                     // the prompt as one chunk
        for (int i = 0; i < heard.size(); i++) {
            assertArrayEquals(new long[] {i, ids[i], 5 + i, ran[5 + i]}, heard.get(i));
            if (i > 0) total += ran[5 + i];
        }
        assertEquals(total, steps.get());
        assertEquals(total - 16, trace.generation().iterationsUsed());
    }

    @Test
    void cancellingStopsTheRun() {
        AtomicInteger polls = new AtomicInteger();
        assertThrows(CancellationException.class, () -> Generator.run(model.subject(),
                request("47+85=", 20, 16, ExitCriterion.NONE, 0, StopRule.NONE), model::tokenString, "test",
                GenerationListener.NONE, () -> polls.incrementAndGet() > 40));
    }

    @Test
    void givenRowsMustCoverEveryPositionThatRuns() {
        StateInit.Given four = new StateInit.Given(new float[4 * model.model().hidden()], 4, model.model().hidden(), "s0.npy");
        GenerationRequest r = new GenerationRequest(model.encode("4+7="), 3, 4, ExitCriterion.NONE, 0, KvSharing.LATEST, four, false);
        String message = assertThrows(IllegalArgumentException.class, () -> Generator.requireFits(model.model(), r)).getMessage();
        assertTrue(message.contains("has 4 rows but this run needs 6"), message);
        GenerationRequest warm = new GenerationRequest(model.encode("4+7="), 3, 4, ExitCriterion.NONE, 0, KvSharing.LATEST, four, true);
        assertEquals(4, run(warm, GenerationListener.NONE).generation().settings().promptLength(), "warm start reads the prompt's rows only");
    }

    private static double maxError(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
