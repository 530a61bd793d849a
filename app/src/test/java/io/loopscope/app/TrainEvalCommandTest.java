package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and eval as a user runs them: a tiny model trained for two steps, then evaluated with --json. */
class TrainEvalCommandTest {

    @Test
    void trainsATinyModelThenEvaluatesIt(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        CliRun train = CliRun.of("train", "--tasks", "copy,count", "--task-weight", "count=2", "--out", model.toString(),
                "--steps", "2", "--hidden", "16", "--batch", "4", "--mean-recurrence", "2", "--backprop-depth", "1",
                "--checkpoint-every", "1", "--quiet");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("checkpoint saved"), train.out());
        assertTrue(train.out().contains("with task weights {count=2.0}"), train.out());
        assertTrue(Files.isRegularFile(model.resolve("config.json")) && Files.isRegularFile(model.resolve("tokenizer.json")));

        Path plot = dir.resolve("plot.png");
        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--tasks", "copy",
                "--samples", "2", "--json", "--plot", plot.toString(), "--quiet");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode json = new ObjectMapper().readTree(eval.out());
        for (String range : new String[] {"in_distribution", "harder"}) {
            for (String r : new String[] {"1", "2", "4", "8", "16", "32", "64"}) {
                double acc = json.at("/tasks/copy/" + range + "/" + r).asDouble(-1);
                assertTrue(acc >= 0 && acc <= 1, range + " r=" + r + ": " + acc);
            }
        }
        assertTrue(Files.size(plot) > 1000, "a PNG was written");
    }

    @Test
    void unknownTaskAndResumeWithoutCheckpointAreClearErrors(@TempDir Path dir) {
        CliRun unknown = CliRun.of("train", "--tasks", "sum,sort", "--out", dir.toString(), "--quiet");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown task \"sort\"") && unknown.err().contains("sum, add, hops, count, copy"), unknown.err());

        CliRun resume = CliRun.of("train", "--out", dir.resolve("none").toString(), "--resume", "--quiet");
        assertEquals(1, resume.exitCode());
        assertTrue(resume.err().contains("no training checkpoint"), resume.err());

        CliRun weightOfUntrained = CliRun.of("train", "--tasks", "copy", "--task-weight", "hops=4", "--out", dir.resolve("w").toString(), "--quiet");
        assertEquals(1, weightOfUntrained.exitCode());
        assertTrue(weightOfUntrained.err().contains("task weight for 'hops', which this run does not train"), weightOfUntrained.err());

        CliRun notANumber = CliRun.of("train", "--tasks", "copy", "--task-weight", "copy=lots", "--out", dir.resolve("w").toString(), "--quiet");
        assertEquals(2, notANumber.exitCode(), notANumber.err());
        assertTrue(notANumber.err().contains("lots"), notANumber.err());

        CliRun evalUnknown = CliRun.of("eval", "--tasks", "nope", "--quiet");
        assertEquals(1, evalUnknown.exitCode());
        assertTrue(evalUnknown.err().contains("valid tasks"), evalUnknown.err());
    }
}
