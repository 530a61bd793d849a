package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ShippedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loopscope models, and --model NAME selecting a shipped model anywhere. */
class ModelsCommandTest {

    @Test
    void theShippedModelsAreListedWithFamilyAndEval() throws Exception {
        CliRun table = CliRun.of("models");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("| embedded | huginn | – | 32 |"), table.out());
        CliRun json = CliRun.of("models", "--json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        JsonNode first = root.path("models").get(0);
        assertEquals("embedded", first.path("name").asText());
        assertEquals("huginn", first.path("family").asText());
        assertTrue(first.path("stabilisers").isArray());
        assertEquals(ShippedModels.all().getFirst().eval().inDistribution().get("sum"), first.path("eval").path("in_distribution").path("sum").asDouble());
    }

    @Test
    void modelNameSelectsAShippedModelAndAnUnknownNameListsThem(@TempDir Path dir) throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        Path out = dir.resolve("t.npz");
        CliRun named = CliRun.of("trace", "--model", "embedded", "--prompt", "1+2=", "-r", "2", "--quiet", "--out", out.toString());
        assertEquals(0, named.exitCode(), named.err());
        assertTrue(Files.size(out) > 0);
        CliRun unknown = CliRun.of("trace", "--model", "nosuch", "--prompt", "1+2=", "--out", dir.resolve("u.npz").toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("no model folder nosuch, and no shipped model of that name (shipped: embedded"), unknown.err());
    }

    /** The eval each model was shipped with is what eval measures on it now (3 minutes: the slow profile). */
    @Tag("slow")
    @Test
    void everyShippedEvalIsWhatEvalMeasures(@TempDir Path dir) throws Exception {
        for (ShippedModels.Model m : ShippedModels.all()) {
            CliRun eval = CliRun.of("eval", "--model", m.name(), "--samples", String.valueOf(m.eval().samples()), "--json", "--quiet",
                    "--plot", dir.resolve(m.name() + ".png").toString());
            assertEquals(0, eval.exitCode(), eval.err());
            JsonNode tasks = new ObjectMapper().readTree(eval.out()).path("tasks");
            String r = String.valueOf(m.eval().iterations());
            m.eval().inDistribution().forEach((task, acc) ->
                    assertEquals(acc, tasks.path(task).path("in_distribution").path(r).asDouble(), 0.005, m.name() + " " + task));
            m.eval().harder().forEach((task, acc) ->
                    assertEquals(acc, tasks.path(task).path("harder").path(r).asDouble(), 0.005, m.name() + " " + task + " harder"));
        }
    }
}
