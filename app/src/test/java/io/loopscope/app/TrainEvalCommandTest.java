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
    void trainsAModelWithStabilisersThatResumesWithThem(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("slr");
        CliRun train = CliRun.of("train", "--tasks", "copy", "--out", model.toString(), "--steps", "2", "--hidden", "16", "--batch", "4",
                "--mean-recurrence", "3", "--backprop-depth", "1", "--checkpoint-every", "1", "--timestep", "learned", "--loop-lora", "2",
                "--loop-lora-targets", "attn.Wqkv,mlp.proj", "--loop-residual", "s0:0.5", "--quiet");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("with SLR timestep learned (T 3) · loop LoRA r 2 on attn.Wqkv, mlp.proj (T 3, then the last) · "
                + "residual s0 ×0.5"), train.out());
        JsonNode slr = new ObjectMapper().readTree(model.resolve("config.json").toFile()).get("slr");
        assertEquals("learned", slr.get("timestep_embedding").asText());
        assertEquals(3, slr.get("timestep_steps").asInt());
        assertEquals(2, slr.get("loop_lora_rank").asInt());
        assertEquals("[\"attn.Wqkv\",\"mlp.proj\"]", slr.get("loop_lora_targets").toString());
        assertEquals(0.5, slr.get("loop_residual_scale").asDouble());

        CliRun resume = CliRun.of("train", "--out", model.toString(), "--resume", "--steps", "3", "--tasks", "copy", "--hidden", "16",
                "--batch", "4", "--mean-recurrence", "3", "--backprop-depth", "1", "--quiet");
        assertEquals(0, resume.exitCode(), resume.err());
        assertTrue(resume.out().contains("with SLR timestep learned (T 3)"), "--resume keeps the stabilisers: " + resume.out());

        CliRun trace = CliRun.of("trace", "--model", model.toString(), "--prompt", "copy ab=", "-r", "5", "--out",
                dir.resolve("t.npz").toString(), "--quiet");
        assertEquals(0, trace.exitCode(), trace.err());
    }

    @Test
    void badStabiliserOptionsAreNamedWithTheirValue(@TempDir Path dir) {
        String[][] cases = {
                {"--timestep", "cosine", "--timestep \"cosine\" is not one of sinusoidal, learned"},
                {"--loop-lora", "0", "--loop-lora must be a rank > 0, got 0"},
                {"--loop-residual", "s1", "--loop-residual \"s1\" is not one of s0, previous"},
                {"--loop-residual", "s0:zero", "the scale \"zero\" is not a number"},
                {"--loop-residual", "previous:0", "the scale must be a finite non-zero number"},
                {"--loop-lora-targets", "attn.qkv", "--loop-lora-targets needs --loop-lora RANK"},
                {"--loop-steps", "0", "--loop-steps must be > 0, got 0"},
                {"--loop-steps", "4", "--loop-steps 4 needs --timestep learned or --loop-lora"}};
        for (String[] c : cases) {
            CliRun run = CliRun.of("train", "--tasks", "copy", "--out", dir.resolve("x").toString(), c[0], c[1], "--quiet");
            assertEquals(1, run.exitCode(), c[0] + " " + c[1] + ": " + run.err());
            assertTrue(run.err().contains(c[2]), c[0] + " " + c[1] + ": " + run.err());
        }
        CliRun target = CliRun.of("train", "--tasks", "copy", "--out", dir.resolve("x").toString(), "--loop-lora", "2",
                "--loop-lora-targets", "mlp.fc,attn.qkv", "--quiet");
        assertTrue(target.err().contains("\"attn.qkv\" is not a core linear"), target.err());
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
