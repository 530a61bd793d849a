package io.loopscope.inference.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import io.loopscope.inference.testing.RequiresFixtures;

/** The fixture's two variants, and the format variants real checkpoints show (sharded, lm_head stored, no freqs_cis). */
@RequiresFixtures
class CheckpointLoaderFixtureTest {
    static final Path ROOT = Fixtures.huginnTiny();
    static LoadedCheckpoint f32;
    static LoadedCheckpoint bf16;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws CheckpointException {
        f32 = CheckpointLoader.load(ROOT.resolve("f32"));
        bf16 = CheckpointLoader.load(ROOT.resolve("bf16"));
    }

    @Test
    void configMatchesTheManifest() throws IOException {
        JsonNode summary = new ObjectMapper().readTree(ROOT.resolve("manifest.json").toFile()).get("config_summary");
        for (LoadedCheckpoint c : List.of(f32, bf16)) {
            HuginnConfig cfg = c.config();
            assertEquals(summary.get("n_embd").asInt(), cfg.hidden());
            assertEquals(summary.get("n_heads").asInt(), cfg.heads());
            assertEquals(summary.get("head_dim").asInt(), cfg.headDim());
            assertEquals(summary.get("intermediate_size").asInt(), cfg.intermediate());
            assertEquals(summary.get("vocab_size").asInt(), cfg.vocab());
            assertEquals(summary.get("n_layers_in_prelude").asInt(), cfg.preludeLayers());
            assertEquals(summary.get("n_layers_in_recurrent_block").asInt(), cfg.coreLayers());
            assertEquals(summary.get("n_layers_in_coda").asInt(), cfg.codaLayers());
            assertEquals(summary.get("norm_eps").asDouble(), cfg.normEps());
            assertEquals(summary.get("rope_base").asDouble(), cfg.ropeBase());
            assertEquals(summary.get("embed_scale").asDouble(), cfg.embedScale());
            assertEquals(summary.get("tie_embeddings").asBoolean(), cfg.tieEmbeddings());
            assertEquals(summary.get("param_count_unique").asLong(), cfg.parameterCount());
            assertEquals(List.of(), c.warnings(), "freqs_cis is expected and ignored silently");
        }
    }

    @Test
    void everyTensorHasTheManifestsShape() throws IOException {
        JsonNode tensors = new ObjectMapper().readTree(ROOT.resolve("manifest.json").toFile()).path("checkpoint").path("tensors");
        for (LoadedCheckpoint c : List.of(f32, bf16)) {
            Map<String, INDArray> loaded = HuginnLayout.flatten(c.config(), c.weights());
            List<String> expectedNames = tensors.properties().stream().map(Map.Entry::getKey).filter(n -> !n.equals("freqs_cis")).sorted().toList();
            assertEquals(expectedNames, loaded.keySet().stream().sorted().toList());
            loaded.forEach((name, a) -> {
                long[] shape = new ObjectMapper().convertValue(tensors.get(name), long[].class);
                assertArrayEquals(shape, a.shape(), name);
            });
        }
    }

    @Test
    void lmHeadIsTiedToTheEmbedding() {
        assertSame(f32.weights().wte(), f32.weights().lmHead());
        assertSame(bf16.weights().wte(), bf16.weights().lmHead());
    }

    @Test
    void bf16WidensExactlyToTheF32WeightsRoundedToBf16() {
        Map<String, INDArray> a = HuginnLayout.flatten(f32.config(), f32.weights());
        Map<String, INDArray> b = HuginnLayout.flatten(bf16.config(), bf16.weights());
        a.forEach((name, x) -> {
            float[] full = x.data().asFloat();
            float[] half = b.get(name).data().asFloat();
            for (int i = 0; i < full.length; i++) {
                assertEquals(Float.floatToRawIntBits(roundToBf16(full[i])), Float.floatToRawIntBits(half[i]), name + "[" + i + "]");
            }
        });
        assertTrue(a.get(HuginnLayout.WTE).getFloat(3, 5) != b.get(HuginnLayout.WTE).getFloat(3, 5), "the variants really differ");
    }

    /** Round to nearest even on the 16 bits bf16 drops (independent of the writer's own conversion). */
    private static float roundToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int lsb = (bits >> 16) & 1;
        return Float.intBitsToFloat(((bits + 0x7FFF + lsb) >>> 16) << 16);
    }

    @Test
    void shardedCheckpointLoadsLikeTheSingleFile() throws Exception {
        Path dir = TestCheckpoints.copyConfig(ROOT.resolve("f32"), tmp.resolve("sharded"));
        Map<String, INDArray> all = TestCheckpoints.readAll(ROOT.resolve("f32/model.safetensors"));
        Map<String, INDArray> first = new LinkedHashMap<>();
        Map<String, INDArray> second = new LinkedHashMap<>();
        Map<String, String> weightMap = new LinkedHashMap<>();
        all.forEach((name, a) -> {
            boolean early = name.contains("prelude") || name.contains("wte") || name.contains("freqs");
            (early ? first : second).put(name, a);
            weightMap.put(name, early ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
        });
        SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"), first);
        SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"), second);
        new ObjectMapper().writeValue(dir.resolve(CheckpointTensors.INDEX_FILE).toFile(),
                Map.of("metadata", Map.of("total_size", 0), "weight_map", weightMap));

        LoadedCheckpoint sharded = CheckpointLoader.load(dir);
        assertEquals(f32.config(), sharded.config());
        TestCheckpoints.assertSameWeights(f32.weights(), sharded.weights(), f32.config());
    }

    @Test
    void storedLmHeadIsUsed() throws Exception {
        Path dir = TestCheckpoints.copyConfig(ROOT.resolve("f32"), tmp.resolve("head"));
        Map<String, INDArray> all = TestCheckpoints.readAll(ROOT.resolve("f32/model.safetensors"));
        all.put(HuginnLayout.LM_HEAD, all.get(HuginnLayout.WTE).dup());
        SafetensorsWriter.write(dir.resolve("model.safetensors"), all);

        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertNotSame(c.weights().wte(), c.weights().lmHead());
        assertEquals(f32.weights().wte(), c.weights().lmHead());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void bf16MatricesStayBf16AndTheRestWidens() throws CheckpointException {
        // the launcher and the tests run with the Vector API; without it BF16 widens at load as before
        HuginnWeights w = bf16.weights();
        BlockWeights core = w.core().getFirst();
        for (INDArray matrix : List.of(w.wte(), w.adapter(), core.wqkv(), core.proj(), core.fc(), core.mlpProj())) {
            assertEquals(DataType.BFLOAT16, matrix.dataType());
        }
        for (INDArray small : List.of(w.lnF(), core.norm1(), core.norm4())) assertEquals(DataType.FLOAT, small.dataType());
        assertEquals(DataType.FLOAT, f32.weights().wte().dataType(), "float32 checkpoints stay float32");
        // the BF16 values are the stored ones: widening them gives the float32 read exactly
        Map<String, INDArray> wide = TestCheckpoints.readAll(ROOT.resolve("bf16/model.safetensors"));
        HuginnLayout.flatten(bf16.config(), w).forEach((name, x) ->
                assertArrayEquals(wide.get(name).data().asFloat(), x.castTo(DataType.FLOAT).dup('c').data().asFloat(), name));
    }

    @Test
    void aBf16CheckpointNeedsTwoBytesAWeightOfMemory() throws CheckpointException {
        long asFloat = 0, largest = 0;
        try (CheckpointTensors t = CheckpointTensors.open(ROOT.resolve("bf16"))) {
            for (SafetensorsEntry e : t.entries().values()) {
                asFloat += 4 * e.elementCount();
                largest = Math.max(largest, e.byteLength());
            }
        }
        long widened = asFloat + largest;
        assertThrows(CheckpointException.class, () -> CheckpointLoader.load(ROOT.resolve("bf16"), new MemoryBudget(widened / 2, Long.MAX_VALUE)));
        assertEquals(bf16.config(), CheckpointLoader.load(ROOT.resolve("bf16"), new MemoryBudget(widened * 6 / 10, Long.MAX_VALUE)).config(),
                "in place, the BF16 matrices take half their float32 size");
    }

    @Test
    void checkpointWithoutFreqsCisLoads() throws Exception {
        Path dir = TestCheckpoints.copyConfig(ROOT.resolve("bf16"), tmp.resolve("nofreqs"));
        Map<String, INDArray> all = TestCheckpoints.readAll(ROOT.resolve("bf16/model.safetensors"));
        assertTrue(all.remove(HuginnLayout.FREQS_CIS) != null);
        SafetensorsWriter.write(dir.resolve("model.safetensors"), all, SafetensorsDType.BF16, Map.of());

        LoadedCheckpoint c = CheckpointLoader.load(dir);
        TestCheckpoints.assertSameWeights(bf16.weights(), c.weights(), bf16.config());
    }

    @Test
    void aFolderWithOneDifferentlyNamedSafetensorsFileLoads() throws Exception {
        Path dir = TestCheckpoints.copyConfig(ROOT.resolve("f32"), tmp.resolve("renamed"));
        Files.copy(ROOT.resolve("f32/model.safetensors"), dir.resolve("huginn-tiny.safetensors"));
        TestCheckpoints.assertSameWeights(f32.weights(), CheckpointLoader.load(dir).weights(), f32.config());
    }
}
