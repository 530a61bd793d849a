package io.loopscope.inference.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Tasks;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CurriculumTest {

    private static Curriculum sumAndCopy() {
        return new Curriculum(List.of(Tasks.byName("sum"), Tasks.byName("copy")));
    }

    @Test
    void startsEasyAndOpensTheNextDifficultyOnlyWhenTheCurrentIsMastered() {
        Curriculum c = sumAndCopy();
        assertEquals(3, c.level(0)); // sum trains 2..6: starts at 2..3
        SplittableRandom rng = new SplittableRandom(1);
        long hard = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> c.sample(0, rng)).mapToInt(Example::difficulty).filter(d -> d > 3).count();
        assertTrue(hard > 50 && hard < 250, "about 15 % of examples come from the whole range: " + hard);
        for (int i = 0; i < 200; i++) c.record(0, 0.5);
        assertEquals(3, c.level(0), "a task at 50 % stays where it is");
        for (int i = 0; i < 200 && c.level(0) == 3; i++) c.record(0, 1.0);
        assertEquals(4, c.level(0));
        for (int i = 0; i < 2000; i++) c.record(0, 1.0);
        assertEquals(6, c.level(0), "never past the training range");
    }

    @Test
    void unmasteredTasksGetMoreSteps() {
        Curriculum c = sumAndCopy();
        for (int i = 0; i < 300; i++) c.record(1, 1.0); // copy mastered, sum not
        SplittableRandom rng = new SplittableRandom(2);
        int sum = 0;
        for (int i = 0; i < 1000; i++) if (c.pickTask(rng) == 0) sum++;
        assertTrue(sum > 850, "sum (weight 1.1) against copy (weight 0.1): " + sum);
    }

    @Test
    void aTaskWeightMultipliesItsShareOfSteps() {
        Curriculum weighted = new Curriculum(List.of(Tasks.byName("sum"), Tasks.byName("copy")), Map.of("copy", 4.0));
        SplittableRandom rng = new SplittableRandom(3);
        int copy = 0;
        for (int i = 0; i < 2000; i++) if (weighted.pickTask(rng) == 1) copy++;
        assertTrue(copy > 1500 && copy < 1700, "copy (weight 4 × 1.1) against sum (1.1): expect 80 % of 2000, got " + copy);
    }

    @Test
    void weightOneDrawsExactlyTheUnweightedSequence() {
        // so a run without --task-weight repeats, step for step, the runs made before weights existed
        Curriculum plain = sumAndCopy(), ones = new Curriculum(List.of(Tasks.byName("sum"), Tasks.byName("copy")), Map.of("sum", 1.0));
        for (int i = 0; i < 40; i++) {
            plain.record(1, 1.0);
            ones.record(1, 1.0);
        }
        SplittableRandom a = new SplittableRandom(4), b = new SplittableRandom(4);
        for (int i = 0; i < 500; i++) assertEquals(plain.pickTask(a), ones.pickTask(b), "draw " + i);
    }

    @Test
    void itsStateSurvivesACheckpoint() {
        Curriculum c = sumAndCopy();
        for (int i = 0; i < 100; i++) c.record(0, 1.0);
        Curriculum restored = sumAndCopy();
        restored.restore(c.toJson());
        assertEquals(c.level(0), restored.level(0));
        assertEquals(c.accuracy(0), restored.accuracy(0));
        assertEquals(c.summary(), restored.summary());
    }
}
