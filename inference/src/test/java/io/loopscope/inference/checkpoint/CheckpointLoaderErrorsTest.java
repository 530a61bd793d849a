package io.loopscope.inference.checkpoint;

import static io.loopscope.inference.checkpoint.TestCheckpoints.TINY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One test per way a model folder can be wrong, each asserting the message a user would see. */
class CheckpointLoaderErrorsTest {
    @TempDir
    Path dir;
    Map<String, INDArray> tensors;

    @BeforeEach
    void writeValidCheckpoint() throws IOException {
        tensors = TestCheckpoints.writeRandom(dir, TINY, 7);
    }

    private Path model() {
        return dir.resolve("model.safetensors");
    }

    private List<String> problems() {
        return assertThrows(CheckpointException.class, () -> CheckpointLoader.load(dir)).problems();
    }

    private String problem() {
        List<String> p = problems();
        assertEquals(1, p.size(), p.toString());
        return p.getFirst();
    }

    @Test
    void theValidCheckpointLoads() throws CheckpointException {
        assertEquals(TINY, CheckpointLoader.load(dir).config());
    }

    @Test
    void weightsBiggerThanTheFreeMemoryAreRefusedBeforeAnyIsRead() throws CheckpointException {
        long elements = 0, largest = 0;
        for (INDArray t : tensors.values()) {
            elements += t.length();
            largest = Math.max(largest, t.length() * 4);
        }
        long needed = 4 * elements + largest;                           // float32 in memory, plus one read buffer
        var tight = new MemoryBudget(needed - 1, Long.MAX_VALUE);
        var e = assertThrows(CheckpointException.class, () -> CheckpointLoader.load(dir, tight));
        assertTrue(e.getMessage().contains("the weights need " + MemoryBudget.gb(needed) + " of memory as loaded but only "
                + MemoryBudget.gb(needed - 1) + " are free"), e.getMessage());
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("org.bytedeco.javacpp.maxbytes"), e.getMessage());
        var ram = assertThrows(CheckpointException.class, () -> CheckpointLoader.load(dir, new MemoryBudget(Long.MAX_VALUE, 1000)));
        assertTrue(ram.getMessage().contains("no off-heap limit, 0.0 GB of RAM"), ram.getMessage());
        assertEquals(TINY, CheckpointLoader.load(dir, new MemoryBudget(needed, needed)).config(), "exactly enough is enough");
    }

    @Test
    void aLoadReportsItsBytesAndStopsWhenCancelled() throws CheckpointException {
        List<long[]> heard = new java.util.ArrayList<>();
        java.util.Set<Thread> callers = new java.util.HashSet<>();
        CheckpointLoader.load(dir, MemoryBudget.current(), new LoadListener() {
            @Override
            public void read(long bytesRead, long bytesTotal) {
                heard.add(new long[] {bytesRead, bytesTotal});
                callers.add(Thread.currentThread());
            }
        });
        // the readers run in parallel, but a listener (a view model) hears them on the loading thread only
        assertEquals(java.util.Set.of(Thread.currentThread()), callers);
        long total = 0;
        for (INDArray t : tensors.values()) total += t.length() * 4;
        assertEquals(tensors.size(), heard.size(), "once per tensor");
        for (int i = 1; i < heard.size(); i++) assertTrue(heard.get(i)[0] > heard.get(i - 1)[0], "bytes only grow");
        assertEquals(total, heard.getLast()[0]);
        assertEquals(total, heard.getLast()[1]);

        int[] polls = {0};
        var e = assertThrows(java.util.concurrent.CancellationException.class, () -> CheckpointLoader.load(dir, MemoryBudget.current(), new LoadListener() {
            @Override
            public boolean cancelled() {
                return ++polls[0] > 2;                                      // the user presses Cancel during the third tensor
            }
        }));
        assertTrue(e.getMessage().contains("was cancelled") && e.getMessage().contains("model.safetensors"), e.getMessage());
        assertEquals(3, polls[0], "it stops at the first poll after the cancel");
    }

    @Test
    void namesOfAnotherModelAreToldApartFromAMissingTensor() throws IOException {
        org.nd4j.linalg.api.ndarray.INDArray w = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 4);
        SafetensorsWriter.write(model(), Map.of("model.embed_tokens.weight", w, "model.layers.0.self_attn.q_proj.weight", w));
        String llama = problem();
        assertTrue(llama.contains("its tensor names match neither family LoopScope loads") && llama.contains("model.layers.0.self_attn.q_proj.weight"), llama);
        SafetensorsWriter.write(model(), Map.of("model.embed_tokens.weight", w, "model.early_exit_gate.weight", w));
        String ouro = problem();
        assertTrue(ouro.contains("holds an Ouro checkpoint") && ouro.contains("set it to load the model as Ouro"), ouro);
    }

    @Test
    void missingConfigJson() throws IOException {
        Files.delete(dir.resolve("config.json"));
        assertEquals("no config.json in " + dir + " — is this a Huginn- or Ouro-format model folder?", problem());
    }

    @Test
    void folderThatDoesNotExist() {
        Path nowhere = dir.resolve("nowhere");
        var e = assertThrows(CheckpointException.class, () -> CheckpointLoader.load(nowhere));
        assertEquals(nowhere + " does not exist", e.getMessage());
    }

    @Test
    void malformedConfigJson() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"n_embd\": 16,");
        String m = problem();
        assertTrue(m.startsWith(dir.resolve("config.json") + " is not valid JSON (line 1, column"), m);
    }

    @Test
    void unsupportedVariantInConfig() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"GatedMLP\"", "\"BaseMLP\""));
        assertEquals(config + ": mlp_class_name \"BaseMLP\" is not supported (LoopScope runs \"GatedMLP\")", problem());
    }

    @Test
    void noSafetensorsFile() throws IOException {
        Files.delete(model());
        assertEquals("no model.safetensors (or other *.safetensors file) in " + dir, problem());
    }

    @Test
    void severalSafetensorsFilesWithoutAnIndex() throws IOException {
        Files.move(model(), dir.resolve("a.safetensors"));
        Files.copy(dir.resolve("a.safetensors"), dir.resolve("b.safetensors"));
        assertEquals(dir + " holds 2 *.safetensors files [a.safetensors, b.safetensors] but no model.safetensors.index.json saying which tensor is in which", problem());
    }

    @Test
    void truncatedSafetensors() throws IOException {
        try (FileChannel ch = FileChannel.open(model(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100);
        }
        assertEquals(model() + " is truncated: tensor \"transformer.coda.0.mlp.proj.weight\" needs bytes [29056, 30592) of the data section,"
                + " which holds only 30556 bytes (1 more tensor lies past the end)", problem());
    }

    @Test
    void wrongDtypeOnAnExpectedTensor() throws IOException {
        RawSafetensors.of(tensors).replace(HuginnLayout.LN_F, "I8", new long[] {16}, new byte[16]).write(model());
        assertEquals("tensor \"transformer.ln_f.weight\" in model.safetensors has dtype I8, which cannot be read as weights (supported: F32, F16, BF16, F64)",
                problem());
    }

    @Test
    void missingAndMisShapedTensorsAreReportedTogetherBeforeAnyRead() throws IOException {
        INDArray wrongShape = tensors.get("transformer.core_block.0.attn.Wqkv.weight").get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 40), org.nd4j.linalg.indexing.NDArrayIndex.all());
        RawSafetensors.of(tensors)
                .remove(HuginnLayout.ADAPTER)
                .remove("transformer.coda.0.norm_3.weight")
                .replace("transformer.core_block.0.attn.Wqkv.weight", "F32", new long[] {40, 16}, RawSafetensors.f32(wrongShape))
                .write(model());
        List<String> p = problems();
        assertEquals(List.of(
                "2 tensors are missing from [" + model() + "]: transformer.adapter.weight [16, 32], transformer.coda.0.norm_3.weight [16]",
                "tensor \"transformer.core_block.0.attn.Wqkv.weight\" in model.safetensors has shape [40, 16] but the config needs [48, 16]"), p);
    }

    @Test
    void unexpectedTensorsAreOnlyAWarning() throws Exception {
        RawSafetensors.of(tensors).add("transformer.extra.bias", "F32", new long[] {2}, RawSafetensors.f32(1, 2)).write(model());
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals(List.of("1 tensor is not used by LoopScope and ignored: transformer.extra.bias"), c.warnings());
    }

    @Test
    void nanAndInfWeightsAreNamedWithTheirCount() throws IOException {
        tensors.get("transformer.core_block.0.mlp.fc.weight").putScalar(new long[] {3, 4}, Float.NaN);
        tensors.get("transformer.core_block.0.mlp.fc.weight").putScalar(new long[] {5, 1}, Float.NaN);
        tensors.get(HuginnLayout.LN_F).putScalar(2, Float.NEGATIVE_INFINITY);
        RawSafetensors.of(tensors).write(model());
        assertEquals(List.of(
                model() + ": tensor \"transformer.core_block.0.mlp.fc.weight\" holds 2 NaN or infinite values (of 768)",
                model() + ": tensor \"transformer.ln_f.weight\" holds 1 NaN or infinite value (of 16)"), problems());
    }

    @Test
    void untiedConfigNeedsAStoredHead() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"tie_embeddings\": true", "\"tie_embeddings\": false")
                .replace("\"tie_word_embeddings\": true", "\"tie_word_embeddings\": false"));
        assertEquals("1 tensor is missing from [" + model() + "] (lm_head.weight is required because tie_embeddings is false): lm_head.weight [20, 16]",
                problem());
    }

    @Test
    void indexPointingAtAMissingShardOrTensor() throws IOException {
        Files.move(model(), dir.resolve("model-1.safetensors"));
        new ObjectMapper().writeValue(dir.resolve(CheckpointTensors.INDEX_FILE).toFile(), Map.of("weight_map", Map.of(
                HuginnLayout.WTE, "model-1.safetensors",
                HuginnLayout.LN_F, "model-2.safetensors",
                "transformer.ghost.weight", "model-1.safetensors")));
        List<String> p = problems();
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.contains(dir.resolve("model-2.safetensors") + ": no such file"), p.toString());
        assertTrue(p.contains(dir.resolve(CheckpointTensors.INDEX_FILE) + " places tensor \"transformer.ghost.weight\" in model-1.safetensors, which does not contain it"),
                p.toString());
    }

    @Test
    void indexMayNotReachOutsideTheFolder() throws IOException {
        Files.delete(model());
        new ObjectMapper().writeValue(dir.resolve(CheckpointTensors.INDEX_FILE).toFile(),
                Map.of("weight_map", Map.of(HuginnLayout.WTE, "../elsewhere.safetensors")));
        assertTrue(problem().contains("shard \"../elsewhere.safetensors\" is not a file name inside " + dir));
    }

    @Test
    void aTensorListedTwiceInTheIndexNamesBothShards() throws IOException {
        Files.move(model(), dir.resolve("model-1.safetensors"));
        Files.writeString(dir.resolve(CheckpointTensors.INDEX_FILE), "{\"weight_map\": {\"" + HuginnLayout.WTE + "\": \"model-1.safetensors\", \""
                + HuginnLayout.WTE + "\": \"model-2.safetensors\"}}");
        List<String> p = problems();
        assertTrue(p.contains(dir.resolve(CheckpointTensors.INDEX_FILE) + " lists tensor \"" + HuginnLayout.WTE
                + "\" twice, in model-1.safetensors and in model-2.safetensors; keep one"), p.toString());
    }

    @Test
    void aBrokenIndexSaysWhereWithoutParserBoilerplate() throws IOException {
        Files.move(model(), dir.resolve("model-1.safetensors"));
        Files.writeString(dir.resolve(CheckpointTensors.INDEX_FILE), "{\"weight_map\": {\"a\": }");
        String m = problem();
        assertTrue(m.contains("is not valid JSON (line 1, column ") && !m.contains("Source:"), m);
    }

    @Test
    void aUtf16ConfigIsNamedAsSuch() throws IOException {
        Path config = dir.resolve(CheckpointLoader.CONFIG_FILE);
        String text = Files.readString(config);
        Files.write(config, text.getBytes(java.nio.charset.StandardCharsets.UTF_16));   // with a byte-order mark
        assertEquals(config + " is not UTF-8 text (it is UTF-16; save it as UTF-8)", problem());
    }

    @Test
    void absurdLayerCountsAndContextsAreRefusedBeforeAllocating() throws IOException {
        Path config = dir.resolve(CheckpointLoader.CONFIG_FILE);
        String text = Files.readString(config);
        Files.writeString(config, text.replaceFirst("\"n_layers_in_recurrent_block\"\\s*:\\s*\\d+", "\"n_layers_in_recurrent_block\": 10000000"));
        String layers = problem();
        assertTrue(layers.contains("n_layers (prelude + core + coda) 10000002 needs") && layers.contains("tensors but the checkpoint holds"), layers);
        Files.writeString(config, text.replaceFirst("\"block_size\"\\s*:\\s*\\d+", "\"block_size\": 1000000000"));
        String context = problem();
        assertTrue(context.contains("block_size 1000000000 needs a RoPE table of") && context.contains("check the config"), context);
    }
}
