package io.loopscope.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.tasks.ProbeStates.Question;
import io.loopscope.inference.tasks.Range;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The questions of a probe, as the command line and the workbench build them, and what each refuses. */
class ProbeSetTest {

    private static ProbeSettings task(String name, int samples, ProbeLabel label, Integer position) {
        return new ProbeSettings(new ProbeSource.TaskPrompts(name, null, samples), label, position, 4, 5, 0);
    }

    @Test
    void theAnswerOfATaskIsReadAtThePromptsLastPosition() throws Exception {
        ProbeSet set = ProbeSet.of(task("sum", 60, ProbeLabel.ANSWER, null));
        assertEquals(60, set.size());
        for (Question q : set.questions()) {
            assertEquals(q.prompt().length() - 1, q.position());
            assertTrue(Character.isDigit(q.target()), "a sum's answer is a digit: " + q);
        }
        assertTrue(set.classes().size() > 5, "60 sums take many digits: " + set.classes());
        int[] labels = set.labels();
        for (int i = 0; i < labels.length; i++) assertEquals(set.questions().get(i).target(), set.classes().get(labels[i]));
        assertEquals(set, ProbeSet.of(task("sum", 60, ProbeLabel.ANSWER, null)), "drawn from the seed");
    }

    @Test
    void aRunningTotalIsReadWhereItIsDefinedAndAPositionPicksWhich() throws Exception {
        ProbeSet last = ProbeSet.of(task("sum", 40, ProbeLabel.RUNNING, null)), first = ProbeSet.of(task("sum", 40, ProbeLabel.RUNNING, 1));
        for (int i = 0; i < first.size(); i++) {
            Question q = first.questions().get(i);
            assertTrue(q.position() < q.prompt().length() - 1, "a running total sits inside the prompt: " + q);
            assertTrue(q.position() <= last.questions().get(i).position(), "the first total is not after the last: " + q);
        }
    }

    @Test
    void badSettingsAndPromptsSayWhatIsWrong(@TempDir Path dir) throws Exception {
        var copy = assertThrows(IllegalArgumentException.class, () -> ProbeSet.of(task("copy", 20, ProbeLabel.RUNNING, null)));
        assertEquals("--label running needs a task with running totals (sum, count); copy has none", copy.getMessage());
        var hop = assertThrows(IllegalArgumentException.class, () -> ProbeSet.of(task("sum", 20, ProbeLabel.HOP, null)));
        assertEquals("--label hop needs a task with hops (hops); sum has none", hop.getMessage());
        var few = assertThrows(IllegalArgumentException.class, () -> task("sum", 6, ProbeLabel.ANSWER, null));
        assertEquals("--samples must be at least twice --folds (10), got 6", few.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(new ProbeSource.TaskPrompts("sum", null, 20),
                ProbeLabel.ITERATION, null, 0, 5, 0));
        assertEquals("--label iteration needs --iterations of at least 1", zero.getMessage());
        var position = assertThrows(IllegalArgumentException.class, () -> task("sum", 20, ProbeLabel.RUNNING, 0));
        assertEquals("--position counts from 1, got 0", position.getMessage());
        var beyond = assertThrows(IllegalArgumentException.class, () -> ProbeSet.of(new ProbeSettings(
                new ProbeSource.TaskPrompts("sum", new Range(2, 2), 20), ProbeLabel.RUNNING, 5, 4, 5, 0)));
        assertEquals("no prompt of sum 2..2 has a running number 5", beyond.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> task("sums", 20, ProbeLabel.ANSWER, null));
        assertTrue(unknown.getMessage().startsWith("unknown task \"sums\"; valid tasks: sum, add"), unknown.getMessage());

        Path four = lines(dir, "four.jsonl", "{\"prompt\": \"1+1=\", \"label\": \"2\"}", "{\"prompt\": \"1+2=\", \"label\": \"3\"}",
                "{\"prompt\": \"2+2=\", \"label\": \"4\"}", "{\"prompt\": \"2+3=\", \"label\": \"5\"}");
        var tooFew = assertThrows(IllegalArgumentException.class, () -> ProbeSet.of(file(four, ProbeLabel.ANSWER)));
        assertEquals("4 prompts are too few for 5 folds", tooFew.getMessage());
        String[] same = new String[10];
        for (int i = 0; i < same.length; i++) same[i] = "{\"prompt\": \"" + i + "+0=\", \"label\": \"7\"}";
        Path oneClass = lines(dir, "one.jsonl", same);
        var one = assertThrows(IllegalArgumentException.class, () -> ProbeSet.of(file(oneClass, ProbeLabel.ANSWER)));
        assertEquals("every prompt has the label '7': nothing to probe", one.getMessage());
        assertEquals(10, ProbeSet.of(file(oneClass, ProbeLabel.ITERATION)).size(), "the iteration probe brings its own classes");
        Path unlabelled = lines(dir, "bad.jsonl", "{\"prompt\": \"1+1=\", \"label\": \"2\"}", "", "{\"prompt\": \"1+2=\"}");
        var missing = assertThrows(IllegalArgumentException.class, () -> ProbeSet.of(file(unlabelled, ProbeLabel.ANSWER)));
        assertEquals(unlabelled + " line 3 has no \"label\"", missing.getMessage());
    }

    @Test
    void aCurveReadsBackFromItsJson() throws Exception {
        ProbeCurve c = new ProbeCurve("answer", 4, 0.25, List.of(new ProbeCurve.Point(0, 0.2, 0.3, 0.0), new ProbeCurve.Point(1, 0.75, 0.2, 0.5),
                new ProbeCurve.Point(2, 0.9, 0.25, 1.0)));
        assertEquals(c, ProbeCurve.fromJson(new ObjectMapper().readTree(c.toJson())));
        assertEquals(1, c.firstReaching(0.5));
        assertEquals(1, c.firstLensReaching(0.5));
        assertEquals(0.3, c.maxControl());
        assertEquals(c.points().get(2), c.best());
        ProbeCurve noLens = new ProbeCurve("iteration", 2, 0.5, List.of(new ProbeCurve.Point(0, 1, Double.NaN), new ProbeCurve.Point(1, 0.5, 0.4)));
        ProbeCurve back = ProbeCurve.fromJson(new ObjectMapper().readTree(noLens.toJson()));
        assertEquals(noLens, back, "NaN control and lens survive");
        assertEquals(-1, back.firstLensReaching(0.5));
        var bad = assertThrows(IllegalArgumentException.class, () -> ProbeCurve.fromJson(new ObjectMapper().readTree("{\"label\": \"answer\", \"classes\": 3}")));
        assertEquals("a probe curve needs \"iterations\"", bad.getMessage());
    }

    private static ProbeSettings file(Path f, ProbeLabel label) {
        return new ProbeSettings(new ProbeSource.FilePrompts(f), label, null, 4, 5, 0);
    }

    private static Path lines(Path dir, String name, String... lines) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }
}
