package io.loopscope.inference.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.train.CharVocab;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TasksTest {

    @Test
    void examplesAreDeterministicForASeed() {
        for (Task t : Tasks.all()) {
            assertEquals(Tasks.examples(t, t.training(), 50, 7), Tasks.examples(t, t.training(), 50, 7), t.name());
            assertFalse(Tasks.examples(t, t.training(), 50, 7).equals(Tasks.examples(t, t.training(), 50, 8)), t.name());
        }
    }

    @Test
    void harderRangeIsBeyondTheTrainingRange() {
        for (Task t : Tasks.all()) assertTrue(t.harder().min() > t.training().max(), t.name());
    }

    @Test
    void noPromptAsksTwoTasksForDifferentAnswers() {
        // one-digit add once made "6+4=" both a sum (0) and an add (10) question; the model could only guess
        Map<String, Example> seen = new HashMap<>();
        for (Task t : Tasks.all()) {
            for (Example e : Tasks.examples(t, new Range(t.training().min(), t.harder().max()), 2000, 3)) {
                Example earlier = seen.putIfAbsent(e.prompt(), e);
                if (earlier != null) assertEquals(earlier.answer(), e.answer(), e.prompt() + " in " + earlier.task() + " and " + e.task());
            }
        }
    }

    @Test
    void everyPromptFitsTheContextAndTheVocabulary() {
        CharVocab vocab = CharVocab.standard();
        for (Task t : Tasks.all()) {
            for (Example e : Tasks.examples(t, new Range(t.training().min(), t.harder().max()), 300, 1)) {
                assertTrue(e.prompt().length() <= 64, e.prompt());
                vocab.encode(e.prompt() + e.answer()); // throws on a character outside the vocabulary
            }
        }
    }

    @Test
    void sumAnswersAreTheDigitSumModTen() {
        for (Example e : Tasks.examples(new SumTask(), new Range(1, 10), 200, 3)) {
            String body = e.prompt().substring(0, e.prompt().length() - 1);
            int sum = 0;
            for (String d : body.split("\\+")) sum += Integer.parseInt(d);
            assertEquals(String.valueOf(sum % 10), e.answer(), e.prompt());
            assertEquals(e.difficulty(), body.split("\\+").length);
        }
    }

    @Test
    void hopAnswersFollowTheEdges() {
        for (Example e : Tasks.examples(new HopTask(), new Range(1, 6), 200, 4)) {
            String[] parts = e.prompt().split(" ");
            Map<Character, Character> next = new HashMap<>();
            for (int i = 0; i < parts.length - 1; i++) {
                assertEquals(3, parts[i].length());
                assertTrue(next.put(parts[i].charAt(0), parts[i].charAt(2)) == null, "one edge per source: " + e.prompt());
            }
            String query = parts[parts.length - 1];
            char at = query.charAt(0);
            int hops = query.length() - 1;
            assertEquals(e.difficulty(), hops);
            for (int i = 0; i < hops; i++) at = next.get(at);
            assertEquals(String.valueOf(at), e.answer(), e.prompt());
            assertEquals(hops + HopTask.DISTRACTORS, parts.length - 1);
        }
    }

    @Test
    void addAnswersAreTheDecimalSum() {
        java.util.Set<Integer> lengths = new java.util.TreeSet<>();
        for (Example e : Tasks.examples(new AddTask(), new Range(1, 5), 300, 8)) {
            assertTrue(e.prompt().matches("(0|[1-9][0-9]*)\\+(0|[1-9][0-9]*)="), e.prompt());
            String[] operands = e.prompt().substring(0, e.prompt().length() - 1).split("\\+");
            assertEquals(e.difficulty(), operands[0].length(), e.prompt());
            assertEquals(e.difficulty(), operands[1].length(), e.prompt());
            assertEquals(Long.toString(Long.parseLong(operands[0]) + Long.parseLong(operands[1])), e.answer(), e.prompt());
            assertEquals(e.prompt() + e.answer().substring(0, e.answer().length() - 1), e.teacherForcedInput());
            lengths.add(e.answer().length());
        }
        assertEquals(java.util.Set.of(1, 2, 3, 4, 5, 6), lengths, "answers of every length, with and without a final carry");
    }

    @Test
    void hopPrefixesAreHopQuestionsWithTheirOwnAnswers() {
        Example e = new Example("hops", 3, "f>b x>q a>c c>f a>>>", 'b');
        assertEquals(Map.of(17, 'c', 18, 'f'), new HopTask().prefixAnswers(e));
        for (Example ex : Tasks.examples(new HopTask(), new Range(1, 6), 100, 9)) {
            Map<Integer, Character> prefixes = new HopTask().prefixAnswers(ex);
            assertEquals(ex.difficulty() - 1, prefixes.size(), ex.prompt());
            String[] parts = ex.prompt().split(" ");
            Map<Character, Character> next = new HashMap<>();
            for (int i = 0; i < parts.length - 1; i++) next.put(parts[i].charAt(0), parts[i].charAt(2));
            prefixes.forEach((at, answer) -> {
                String prefix = ex.prompt().substring(0, at + 1);
                assertTrue(prefix.endsWith(">"), prefix);
                int hops = prefix.length() - prefix.lastIndexOf(' ') - 2;
                assertTrue(hops >= 1 && hops < ex.difficulty(), prefix);
                char landed = parts[parts.length - 1].charAt(0);
                for (int i = 0; i < hops; i++) landed = next.get(landed);
                assertEquals(landed, answer, prefix);
            });
        }
        assertEquals(Map.of(), new SumTask().prefixAnswers(new SumTask().sample(new SplittableRandom(1), 4)));
    }

    @Test
    void runningAnswersArePartialResultsThatEndInTheAnswer() {
        assertEquals(Map.of(0, '4', 2, '1', 4, '2', 6, '1'), new SumTask().runningAnswers(new Example("sum", 4, "4+7+1+9=", '1')));
        assertEquals(Map.of(14, '1', 15, '1', 16, '2', 17, '2'), new CountTask().runningAnswers(new Example("count", 4, "how many x in xaxb?", '2')));
        for (Task task : List.of(new SumTask(), new CountTask())) {
            for (Example ex : Tasks.examples(task, new Range(1, 16), 200, 3)) {
                Map<Integer, Character> running = task.runningAnswers(ex);
                assertEquals(ex.difficulty(), running.size(), ex.prompt());
                int last = java.util.Collections.max(running.keySet());
                assertEquals(ex.prompt().length() - 2, last, "the last partial result sits just before the answer position: " + ex.prompt());
                assertEquals(ex.answer().charAt(0), running.get(last), ex.prompt());
            }
        }
        assertEquals(Map.of(3, '2', 4, '2'), new AddTask().runningAnswers(new Example("add", 2, "47+85=", "132")));
        assertEquals(Map.of(1, 'f', 5, 'x', 9, 'a', 13, 'c', 14, 'b'),
                new HopTask().runningAnswers(new Example("hops", 3, "f>b x>q a>c c>f a>>>", 'b')));
        for (Example ex : Tasks.examples(new HopTask(), new Range(1, 6), 200, 4)) {
            String edges = ex.prompt().substring(0, ex.prompt().lastIndexOf(' '));
            Map<Integer, Character> running = new HopTask().runningAnswers(ex);
            assertEquals(ex.difficulty() + HopTask.DISTRACTORS, running.keySet().stream().filter(at -> edges.charAt(at) == '>').count(),
                    "every edge's '>' asks for its source: " + ex.prompt());
            running.forEach((at, answer) -> {
                char here = ex.prompt().charAt(at);
                if (here == '>') assertEquals(ex.prompt().charAt(at - 1), answer, "the source before the '>' at " + at + " in " + ex.prompt());
                else assertTrue(edges.substring(0, at).contains(here + ">" + answer), "an earlier edge " + here + ">" + answer + " in " + ex.prompt());
            });
        }
    }

    @Test
    void countAnswersCountTheLetter() {
        java.util.Set<Character> answers = new java.util.TreeSet<>();
        for (Example e : Tasks.examples(new CountTask(), new Range(1, 16), 400, 5)) {
            assertTrue(e.prompt().startsWith("how many "), e.prompt());
            char target = e.prompt().charAt(9);
            String letters = e.prompt().substring(e.prompt().indexOf(" in ") + 4, e.prompt().length() - 1);
            assertEquals(e.difficulty(), letters.length(), e.prompt());
            assertEquals(String.valueOf(letters.chars().filter(c -> c == target).count()), e.answer(), e.prompt());
            answers.add(e.answer().charAt(0));
        }
        // every one-digit answer occurs, so the harder (longer) strings ask for no answer never trained
        assertEquals("0123456789", answers.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining()));
        assertTrue(Tasks.examples(new CountTask(), new CountTask().training(), 400, 6).stream().anyMatch(e -> e.answer().equals("9")));
    }

    @Test
    void copyAnswersTheFirstLetter() {
        Example e = new CopyTask().sample(new SplittableRandom(1), 4);
        assertTrue(e.prompt().matches("copy [a-z]{4}="), e.prompt());
        assertEquals(e.prompt().substring(5, 6), e.answer());
    }

    @Test
    void unknownTaskNamesListTheValidOnes() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Tasks.parse("sum,multiply"));
        assertTrue(ex.getMessage().contains("multiply") && ex.getMessage().contains("sum, add, hops, count, copy"), ex.getMessage());
        assertEquals(List.of("sum", "add", "hops", "count", "copy"), Tasks.parse("all").stream().map(Task::name).toList());
    }

    @Test
    void reportJsonHasOneAccuracyPerTaskRangeAndR() throws Exception {
        EvalReport report = new EvalReport(new int[] {1, 2}, 10, Map.of("sum",
                new EvalReport.TaskScores(new Range(2, 6), new Range(7, 10), new double[] {0.1, 0.9}, new double[] {0.0, 0.5})));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toJson());
        assertEquals(0.9, json.at("/tasks/sum/in_distribution/2").asDouble());
        assertEquals(0.5, json.at("/tasks/sum/harder/2").asDouble());
        assertTrue(report.table().contains("| sum | harder 7..10 | 0.00 | 0.50 |"), report.table());
        assertTrue(json.at("/tasks/sum/ended").isMissingNode(), "no end curves for a model without an end marker");
        assertEquals("", report.endTable());
    }

    @Test
    void reportCarriesTheEndedCurvesOfAModelWithAnEndMarker() throws Exception {
        EvalReport report = new EvalReport(new int[] {1, 2}, 10, Map.of("sum", new EvalReport.TaskScores(new Range(2, 6), new Range(7, 10),
                new double[] {0.1, 0.9}, new double[] {0.0, 0.5}, new double[] {0.1, 0.8}, new double[] {0.0, 0.3})));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toJson());
        assertEquals(0.8, json.at("/tasks/sum/ended/in_distribution/2").asDouble());
        assertEquals(0.3, json.at("/tasks/sum/ended/harder/2").asDouble());
        assertTrue(report.endTable().contains("| sum | in-distribution 2..6 | 0.10 | 0.80 |"), report.endTable());
        assertThrows(IllegalArgumentException.class, () -> new EvalReport.TaskScores(new Range(2, 6), new Range(7, 10),
                new double[] {0.1}, new double[] {0.0}, new double[] {0.1}, new double[0]));
    }
}
