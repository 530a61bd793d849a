package io.loopscope.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index of shipped models: what this build lists, and what a malformed index is told. */
class ShippedModelsTest {

    @Test
    void theDefaultIsListedFirstAndItsFilesAreInThisBuild(@TempDir Path cache) throws Exception {
        var all = ShippedModels.all();
        assertTrue(!all.isEmpty(), "this build lists its models");
        ShippedModels.Model first = all.getFirst();
        assertEquals(ShippedModels.DEFAULT, first.name());
        assertEquals("huginn", first.family());
        assertTrue(first.available(), "every listed model's files are on the classpath");
        for (ShippedModels.Model m : all) {
            assertTrue(m.available(), m.name() + " has its files");
            assertTrue(m.eval().inDistribution().keySet().containsAll(io.loopscope.inference.tasks.Tasks.names()), m.name() + " has an eval of every task");
        }
        Path dir = EmbeddedModel.extract(first.resources(), first.name(), cache);
        assertEquals(EmbeddedModel.directory(cache), dir, "the default is the embedded model");
        assertTrue(Files.isRegularFile(dir.resolve("model.safetensors")));
    }

    @Test
    void aMalformedIndexIsNamed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String ok = "{\"name\": \"a\", \"family\": \"huginn\", \"resources\": \"/x/\", \"eval\": {\"iterations\": 32, \"samples\": 10, \"in_distribution\": {\"sum\": 0.5}}}";
        assertEquals(1, ShippedModels.parse(json.readTree("{\"models\": [" + ok + "]}")).size());
        var twice = assertThrows(IllegalArgumentException.class, () -> ShippedModels.parse(json.readTree("{\"models\": [" + ok + "," + ok + "]}")));
        assertTrue(twice.getMessage().contains("names a model twice"), twice.getMessage());
        var family = assertThrows(IllegalArgumentException.class, () -> ShippedModels.parse(json.readTree("{\"models\": [" + ok.replace("huginn", "lstm") + "]}")));
        assertTrue(family.getMessage().contains("unknown family lstm"), family.getMessage());
        var name = assertThrows(IllegalArgumentException.class, () -> ShippedModels.parse(json.readTree("{\"models\": [" + ok.replace("\"a\"", "\"A b\"") + "]}")));
        assertTrue(name.getMessage().contains("got A b"), name.getMessage());
        var accuracy = assertThrows(IllegalArgumentException.class, () -> ShippedModels.parse(json.readTree("{\"models\": [" + ok.replace("0.5", "1.5") + "]}")));
        assertTrue(accuracy.getMessage().contains("accuracy of sum must be in [0, 1], got 1.5"), accuracy.getMessage());
    }
}
