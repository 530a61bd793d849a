package io.loopscope.inference.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopscope.inference.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.loopscope.inference.testing.RequiresFixtures;

@RequiresFixtures
class ConfigReaderTest {
    static final Path FIXTURE_CONFIG = Fixtures.huginnTiny().resolve("f32/config.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static ObjectNode fixtureJson() throws IOException {
        return (ObjectNode) JSON.readTree(FIXTURE_CONFIG.toFile());
    }

    static CheckpointException failure(ObjectNode json) {
        return assertThrows(CheckpointException.class, () -> ConfigReader.parse(json.toString(), "x/config.json"));
    }

    @Test
    void readsTheFixtureWithoutWarnings() throws Exception {
        ConfigReader.Result r = ConfigReader.read(FIXTURE_CONFIG);
        HuginnConfig c = r.config();
        assertEquals(new HuginnConfig(64, 4, 4, 216, 300, 1, 2, 1, 1e-6, 50_000, 64, true, true, 32), c);
        assertEquals(16, c.headDim());
        assertEquals(8.0, c.embedScale());
        assertEquals("like-init", r.stateInit());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void paddedVocabSizeWinsAndAliasesAreAccepted() throws Exception {
        ObjectNode j = fixtureJson();
        j.put("vocab_size", 290).put("padded_vocab_size", 320);
        j.remove("n_embd");
        j.put("hidden_size", 64);
        j.remove("n_heads");
        j.put("num_attention_heads", 4);
        j.remove("tie_embeddings");
        j.put("norm_class_name", "RMSNorm").put("state_init", "zeros");
        ConfigReader.Result r = ConfigReader.parse(j.toString(), "x/config.json");
        assertEquals(320, r.config().vocab());
        assertEquals(64, r.config().hidden());
        assertEquals(4, r.config().heads());
        assertEquals("zeros", r.stateInit());
    }

    @Test
    void unsupportedVariantNamesFieldAndValue() throws Exception {
        CheckpointException e = failure(fixtureJson().put("injection_type", "add"));
        assertEquals(List.of("x/config.json: injection_type \"add\" is not supported (LoopScope runs \"linear\")"), e.problems());
    }

    @Test
    void everyUnsupportedFieldIsReportedAtOnce() throws Exception {
        ObjectNode j = fixtureJson().put("injection_type", "add").put("nonlin_name", "GELU").put("bias", true)
                .put("state_init", "normal").put("head_dim", 32).put("block_class_name", "TransformerPreNormBlock");
        j.remove("intermediate_size");
        List<String> p = failure(j).problems();
        assertEquals(7, p.size(), p.toString());
        assertTrue(p.contains("x/config.json: intermediate_size is missing"), p.toString());
        assertTrue(p.contains("x/config.json: bias true is not supported (LoopScope runs Huginn's bias-free linear layers)"), p.toString());
        assertTrue(p.contains("x/config.json: nonlin_name \"GELU\" is not supported (LoopScope runs \"SiLU\")"), p.toString());
        assertTrue(p.contains("x/config.json: block_class_name \"TransformerPreNormBlock\" is not supported (LoopScope runs \"SandwichBlock\")"), p.toString());
        assertTrue(p.contains("x/config.json: state_init \"normal\" is not supported (LoopScope runs \"like-init\" or \"zeros\")"), p.toString());
        assertTrue(p.contains("x/config.json: head_dim 32 does not equal n_embd / num_attention_heads = 64 / 4"), p.toString());
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        List<String> p = failure(fixtureJson().put("n_embd", "64").put("qk_bias", "yes").put("norm_eps", "small")).problems();
        assertTrue(p.contains("x/config.json: n_embd must be an integer, got \"64\""), p.toString());
        assertTrue(p.contains("x/config.json: qk_bias must be true or false, got \"yes\""), p.toString());
        assertTrue(p.contains("x/config.json: norm_eps must be a number, got \"small\""), p.toString());
    }

    @Test
    void disagreeingAliasesAreAProblem() throws Exception {
        List<String> p = failure(fixtureJson().put("hidden_size", 32).put("tie_word_embeddings", false)).problems();
        assertTrue(p.contains("x/config.json: n_embd 64 and hidden_size 32 disagree"), p.toString());
        assertTrue(p.contains("x/config.json: tie_embeddings true and tie_word_embeddings false disagree"), p.toString());
    }

    @Test
    void architectureRulesOfTheRecordBecomeCheckpointErrors() throws Exception {
        CheckpointException e = failure(fixtureJson().put("n_embd", 60).put("head_dim", 15));
        assertEquals("x/config.json: head dimension 15 must be even for RoPE", e.getMessage());
    }

    @Test
    void unknownFieldsAndDefaultsAreWarnings() throws Exception {
        ObjectNode j = fixtureJson().put("flux_capacitor", 1.21).put("test_time_noise", 0.5);
        j.remove("rope_base");
        ConfigReader.Result r = ConfigReader.parse(j.toString(), "x/config.json");
        assertEquals(50_000, r.config().ropeBase());
        assertEquals(List.of(
                "x/config.json: rope_base is missing; using 50000.0 (Huginn's default)",
                "x/config.json: test_time_noise 0.5 is ignored (LoopScope adds no noise to the state)",
                "x/config.json: unknown field \"flux_capacitor\" ignored"), r.warnings());
    }

    @Test
    void malformedJsonNamesTheFileAndPlace() throws IOException {
        Path f = Files.writeString(dir.resolve("config.json"), "{\n  \"n_embd\": 64,\n  oops\n}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ConfigReader.read(f));
        assertTrue(e.getMessage().startsWith(f + " is not valid JSON (line 3, column"), e.getMessage());
    }

    @Test
    void jsonThatIsNotAnObject() throws IOException {
        Path f = Files.writeString(dir.resolve("config.json"), "[64]");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ConfigReader.read(f));
        assertEquals(f + " must hold a JSON object, found array", e.getMessage());
    }

    @Test
    void missingFileNamesThePath() {
        Path f = dir.resolve("config.json");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ConfigReader.read(f));
        assertEquals(f + ": no such file", e.getMessage());
    }

    @Test
    void writerOutputReadsBackToTheSameConfigWithTheFixturesFieldNames() throws Exception {
        HuginnConfig c = new HuginnConfig(48, 6, 3, 100, 77, 2, 3, 1, 1e-5, 10_000, 128, false, false, 8);
        Path f = dir.resolve("config.json");
        ConfigWriter.write(f, c);
        ConfigReader.Result r = ConfigReader.read(f);
        assertEquals(c, r.config());
        assertEquals(List.of(), r.warnings());
        var written = JSON.readTree(f.toFile());
        var fixture = fixtureJson();
        fixture.remove(List.of("auto_map", "transformers_version"));
        List<String> expectedNames = fixture.properties().stream().map(java.util.Map.Entry::getKey).sorted().toList();
        List<String> writtenNames = written.properties().stream().map(java.util.Map.Entry::getKey).toList();
        assertEquals(expectedNames, writtenNames);
        assertTrue(Files.readString(f).contains("\"n_embd\": 48"), "Python-style \"key\": value spacing");
    }

    @Test
    void writerReproducesTheFixturesInitValues() throws Exception {
        HuginnConfig c = ConfigReader.read(FIXTURE_CONFIG).config();
        var written = JSON.readTree(ConfigWriter.toJson(c, "float32"));
        var fixture = fixtureJson();
        assertEquals(fixture.get("init_values"), written.get("init_values"));
        assertEquals(fixture.get("effective_expected_depth"), written.get("effective_expected_depth"));
    }
}
