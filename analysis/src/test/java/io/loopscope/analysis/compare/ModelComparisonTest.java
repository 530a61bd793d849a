package io.loopscope.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.batch.BatchPrompt;
import io.loopscope.analysis.motif.Motif;
import io.loopscope.inference.tasks.Task;
import io.loopscope.inference.tasks.Tasks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison's sweep, prompt set and records, without a model. */
class ModelComparisonTest {

    @Test
    void theSweepDoublesUpToEightTimesTheTrainingMean() {
        assertArrayEquals(new int[] {1, 2, 4, 8, 16, 32, 64}, ModelComparison.recurrences(8));
        assertArrayEquals(new int[] {1, 2, 4, 8, 16}, ModelComparison.recurrences(2));
        assertArrayEquals(new int[] {1, 2, 3, 4, 8, 16, 24}, ModelComparison.recurrences(3), "r̄ and 8·r̄ are in even when no powers of two");
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class, () -> ModelComparison.recurrences(200));
        assertTrue(far.getMessage().contains("1600 iterations, past the limit of 1024"), far.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelComparison.recurrences(0));
    }

    @Test
    void theCensusHoldsEveryDifficultyOfEveryTaskAndIsTheSameEachTime() {
        ComparisonSettings s = new ComparisonSettings(5, 2);
        List<BatchPrompt> prompts = ModelComparison.censusPrompts(s);
        int difficulties = 0;
        for (Task t : Tasks.all()) difficulties += t.harder().max() - t.training().min() + 1;
        assertEquals(2 * difficulties, prompts.size());
        assertEquals(prompts, ModelComparison.censusPrompts(s), "a fixed seed: every model sees the same prompts");
        assertTrue(prompts.stream().anyMatch(p -> p.category().equals("sum")) && prompts.stream().anyMatch(p -> p.category().equals("sum harder")));
        assertEquals(2L * 5 * Tasks.all().size() + prompts.size(), ModelComparison.work(s));
    }

    @Test
    void aCancelledRunStopsWithinAFewExamples() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.loopscope.inference.EmbeddedModel.available(), "this build carries no embedded model");
        var model = io.loopscope.inference.ModelHandle.open(io.loopscope.inference.EmbeddedModel.directory());
        ComparisonSettings s = new ComparisonSettings(5, 1);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> ModelComparison.run("embedded", model, s, done::addAndGet, () -> done.get() >= 3));
        assertTrue(done.get() < ModelComparison.work(s) / 2, "stopped after " + done.get() + " of " + ModelComparison.work(s));
    }

    @Test
    void sampleCountsMustBeSensible() {
        for (int bad : new int[] {0, -1, 10_001}) {
            IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(bad, 1));
            assertTrue(a.getMessage().startsWith("--samples must be 1..10000, got " + bad), a.getMessage());
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> new ComparisonSettings(1, bad));
            assertTrue(b.getMessage().startsWith("--census-samples must be 1..10000, got " + bad), b.getMessage());
        }
    }

    @Test
    void accuracyMeansAreOverTasksAndReadAtAnEvaluatedR() {
        AccuracyCurves a = new AccuracyCurves(new int[] {1, 2}, 10, Map.of("sum", List.of(0.2, 0.4), "copy", List.of(0.6, 1.0)),
                Map.of("sum", List.of(0.0, 0.1), "copy", List.of(0.5, 0.5)));
        assertEquals(0.4, a.meanInDistribution().get(0), 1e-12);
        assertEquals(0.7, a.meanInDistribution().get(1), 1e-12);
        assertEquals(0.3, a.meanHarder().get(1), 1e-12);
        assertEquals(1, a.indexOf(2));
        assertThrows(IllegalArgumentException.class, () -> a.indexOf(4));
        assertThrows(IllegalArgumentException.class, () -> new AccuracyCurves(new int[] {1}, 10, Map.of("sum", List.of(1.5)), Map.of("sum", List.of(0.0))));
        assertThrows(IllegalArgumentException.class, () -> new AccuracyCurves(new int[] {2, 1}, 10, Map.of("sum", List.of(0.1, 0.1)),
                Map.of("sum", List.of(0.1, 0.1))));
    }

    @Test
    void aModelResultsCategoriesAddUpToItsCensus() {
        AccuracyCurves a = new AccuracyCurves(new int[] {1, 2, 4, 8, 16}, 1, Map.of("sum", List.of(0.0, 0.0, 0.0, 0.0, 1.0)),
                Map.of("sum", List.of(0.0, 0.0, 0.0, 0.0, 0.0)));
        Census one = Census.of(List.of(new CensusRow(0, "sum", 0, Motif.ORBIT, 2, null)));
        Census two = Census.of(List.of(new CensusRow(0, "sum", 0, Motif.ORBIT, 2, null), new CensusRow(1, "sum harder", 0, Motif.OTHER, null, null)));
        ModelResult m = new ModelResult("m", "huginn", List.of(), 2, a, 16, 2, two, Map.of("sum", one, "sum harder", Census.of(List.of(
                new CensusRow(1, "sum harder", 0, Motif.OTHER, null, null)))));
        assertEquals(0.0, m.inDistributionAt(2));
        assertEquals(1.0, m.inDistributionAt(16));
        assertThrows(IllegalArgumentException.class, () -> new ModelResult("m", "huginn", List.of(), 2, a, 16, 2, two, Map.of("sum", one)));
        assertThrows(IllegalArgumentException.class, () -> new ModelResult("m", "huginn", List.of(), 3, a, 16, 2, two, Map.of()), "r̄ not evaluated");
        assertThrows(IllegalArgumentException.class, () -> new Comparison(new ComparisonSettings(1, 1), List.of(m, m)), "a model twice");
        assertThrows(IllegalArgumentException.class, () -> new Comparison(new ComparisonSettings(1, 1), List.of()), "no model");
    }
}
