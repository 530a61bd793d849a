package io.loopscope.inference.checkpoint;

import static io.loopscope.inference.checkpoint.TestCheckpoints.TINY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopscope.inference.checkpoint.SlrConfig.LoraBeyond;
import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import io.loopscope.inference.checkpoint.SlrConfig.Residual;
import io.loopscope.inference.checkpoint.SlrConfig.Timestep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** config.json's "slr" object: read, written back, every bad field named, and the tensors it promises. */
class SlrConfigTest {
    static final SlrConfig ALL = new SlrConfig(Timestep.LEARNED, 3, 2, EnumSet.of(LoraTarget.ATTN_WQKV, LoraTarget.MLP_PROJ), 2,
            LoraBeyond.NONE, Residual.PREVIOUS, 0.5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode configWith(String slrJson) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(ConfigWriter.toJson(TINY, "float32"));
        root.set("slr", JSON.readTree(slrJson));
        return root;
    }

    private static HuginnConfig read(String slrJson) throws Exception {
        return ConfigReader.parse(configWith(slrJson).toString(), "x/config.json").config();
    }

    private static List<String> problems(String slrJson) throws IOException {
        String json = configWith(slrJson).toString();
        return assertThrows(CheckpointException.class, () -> ConfigReader.parse(json, "x/config.json")).problems();
    }

    @Test
    void withoutAnSlrObjectTheModelIsPlainHuginn() throws Exception {
        HuginnConfig c = ConfigReader.parse(ConfigWriter.toJson(TINY, "float32"), "x/config.json").config();
        assertEquals(SlrConfig.NONE, c.slr());
        assertFalse(c.slr().any());
        assertFalse(ConfigWriter.toJson(TINY, "float32").contains("\"slr\""), "a plain config is written without it");
    }

    @Test
    void everyStabiliserReadsAndWritesBack() throws Exception {
        for (SlrConfig s : List.of(SlrConfig.timestep(Timestep.SINUSOIDAL, 0), SlrConfig.timestep(Timestep.LEARNED, 8),
                SlrConfig.lora(4, EnumSet.allOf(LoraTarget.class), 6, LoraBeyond.LAST), SlrConfig.residual(Residual.S0, 1),
                SlrConfig.residual(Residual.PREVIOUS, 0.25), ALL)) {
            HuginnConfig c = TINY.withSlr(s);
            Path f = dir.resolve("config.json");
            ConfigWriter.write(f, c);
            ConfigReader.Result r = ConfigReader.read(f);
            assertEquals(c, r.config(), s.describe());
            assertEquals(List.of(), r.warnings(), s.describe());
            assertEquals(s, JSON.readValue(JSON.writeValueAsString(s), SlrConfig.class), "the trainer's state file stores it the same way");
        }
    }

    @Test
    void defaultsAreAllTargetsTheLastDeltaAndScaleOne() throws Exception {
        SlrConfig s = read("{\"loop_lora_rank\": 4, \"loop_lora_steps\": 8, \"loop_residual\": \"s0\"}").slr();
        assertEquals(EnumSet.allOf(LoraTarget.class), s.loraTargets());
        assertEquals(LoraBeyond.LAST, s.loraBeyond());
        assertEquals(1.0, s.residualScale());
        assertEquals(Timestep.NONE, s.timestep());
        assertEquals(List.of("loop-lora", "loop-residual-s0"), s.stabilisers());
        assertEquals("loop LoRA r 4 on all core linears (T 8, then the last) · residual s0", s.describe());
    }

    @Test
    void everyBadFieldIsNamedWithItsValueInOneReport() throws Exception {
        List<String> p = problems("""
                {"timestep_embedding": "learned", "timestep_steps": -1, "loop_lora_rank": 0, "loop_lora_steps": 0,
                 "loop_lora_targets": ["attn.qkv", "mlp.fc", "mlp.fc"], "loop_lora_beyond": "first",
                 "loop_residual": "s1", "loop_residual_scale": "big", "loop_lora_alpha": 16}""");
        assertEquals(List.of(
                "x/config.json: slr.loop_lora_alpha is not an SLR field (known: timestep_embedding, timestep_steps, loop_lora_rank, "
                        + "loop_lora_targets, loop_lora_steps, loop_lora_beyond, loop_residual, loop_residual_scale)",
                "x/config.json: slr.timestep_steps must be > 0, got -1",
                "x/config.json: slr.loop_lora_targets names \"attn.qkv\", which is not a core linear LoopScope adapts "
                        + "(\"attn.Wqkv\", \"attn.proj\", \"mlp.fc\" or \"mlp.proj\")",
                "x/config.json: slr.loop_lora_targets names \"mlp.fc\" twice",
                "x/config.json: slr.loop_lora_beyond \"first\" is not one of \"last\" or \"none\"",
                "x/config.json: slr.loop_lora_rank must be > 0, got 0 (leave it out for no LoRA)",
                "x/config.json: slr.loop_lora_steps must be > 0, got 0",
                "x/config.json: slr.loop_residual \"s1\" is not one of \"none\", \"s0\" or \"previous\"",
                "x/config.json: slr.loop_residual_scale must be a number, got \"big\""), p);
    }

    @Test
    void fieldsWithoutTheirStabiliserAndMissingCountsAreNamed() throws Exception {
        assertEquals(List.of("x/config.json: slr.timestep_steps is missing (a learned timestep_embedding needs its number of rows T)"),
                problems("{\"timestep_embedding\": \"learned\"}"));
        assertEquals(List.of("x/config.json: slr.timestep_steps 4 is given but timestep_embedding is \"sinusoidal\" (only a learned "
                + "embedding has rows)"), problems("{\"timestep_embedding\": \"sinusoidal\", \"timestep_steps\": 4}"));
        assertEquals(List.of("x/config.json: slr.loop_lora_steps is missing (loop_lora_rank needs the number of iterations T that have "
                + "their own delta)"), problems("{\"loop_lora_rank\": 4}"));
        assertEquals(List.of("x/config.json: slr.loop_lora_steps 4 is given but loop_lora_rank is not"),
                problems("{\"loop_lora_steps\": 4, \"loop_residual\": \"s0\"}"));
        assertEquals(List.of("x/config.json: slr.loop_residual_scale 2.0 is given but loop_residual is \"none\""),
                problems("{\"loop_residual_scale\": 2, \"timestep_embedding\": \"sinusoidal\"}"));
        assertEquals(List.of("x/config.json: slr.loop_residual_scale must be a finite non-zero number, got 0.0"),
                problems("{\"loop_residual\": \"s0\", \"loop_residual_scale\": 0}"));
        assertEquals(List.of("x/config.json: slr.loop_lora_targets must be a non-empty list of core linears (\"attn.Wqkv\", "
                + "\"attn.proj\", \"mlp.fc\" or \"mlp.proj\"), got []"), problems("{\"loop_lora_rank\": 2, \"loop_lora_steps\": 2, "
                + "\"loop_lora_targets\": []}"));
        assertEquals(List.of("x/config.json: slr.loop_lora_rank must be an integer, got 2.5"),
                problems("{\"loop_lora_rank\": 2.5, \"loop_lora_steps\": 2}"));
    }

    @Test
    void anSlrObjectMustTurnSomethingOn() throws Exception {
        assertEquals(List.of("x/config.json: slr turns on no stabiliser (timestep_embedding, loop_lora_rank or loop_residual); leave it "
                + "out for plain Huginn"), problems("{\"loop_residual\": \"none\"}"));
        assertEquals(List.of("x/config.json: slr must be an object of stabilisers, got 3"), problems("3"));
    }

    @Test
    void aBadSlrFieldIsReportedBesideTheArchitecturesProblems() throws Exception {
        ObjectNode root = configWith("{\"loop_lora_rank\": -2, \"loop_lora_steps\": 4}");
        root.put("n_embd", "wide");
        List<String> p = assertThrows(CheckpointException.class, () -> ConfigReader.parse(root.toString(), "x/config.json")).problems();
        assertTrue(p.contains("x/config.json: n_embd must be an integer, got \"wide\""), p.toString());
        assertTrue(p.contains("x/config.json: slr.loop_lora_rank must be > 0, got -2 (leave it out for no LoRA)"), p.toString());
    }

    @Test
    void theRecordRefusesInconsistentValues() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlrConfig.lora(-1, Set.of(LoraTarget.MLP_FC), 2, LoraBeyond.LAST))
                .getMessage().contains("slr.loop_lora_rank must be > 0, got -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlrConfig.lora(2, Set.of(), 2, LoraBeyond.LAST))
                .getMessage().contains("at least one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlrConfig.timestep(Timestep.LEARNED, 0))
                .getMessage().contains("slr.timestep_steps must be > 0, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlrConfig.residual(Residual.S0, Double.NaN))
                .getMessage().contains("got NaN"));
        assertTrue(assertThrows(com.fasterxml.jackson.databind.JsonMappingException.class,
                () -> JSON.readValue("{\"loop_residual\": \"sideways\"}", SlrConfig.class))
                .getMessage().contains("slr.loop_residual \"sideways\" is not one of"));
    }

    @Test
    void iterationsPastTUseTheLastDeltaOrNone() {
        SlrConfig last = SlrConfig.lora(2, Set.of(LoraTarget.MLP_FC), 3, LoraBeyond.LAST);
        SlrConfig none = SlrConfig.lora(2, Set.of(LoraTarget.MLP_FC), 3, LoraBeyond.NONE);
        assertEquals(List.of(1, 2, 3, 3, 3), List.of(1, 2, 3, 4, 9).stream().map(last::loraIteration).toList());
        assertEquals(List.of(1, 2, 3, 0, 0), List.of(1, 2, 3, 4, 9).stream().map(none::loraIteration).toList());
        SlrConfig learned = SlrConfig.timestep(Timestep.LEARNED, 4);
        assertEquals(List.of(1, 4, 4), List.of(1, 4, 40).stream().map(learned::timestepRow).toList());
    }

    @Test
    void theLayoutListsTheStabilisersTensorsWithShapes() {
        HuginnConfig c = TINY.withSlr(ALL);     // H 16, I 24, qkv rows 48, one core layer
        Map<String, long[]> required = HuginnLayout.required(c);
        assertEquals(List.of(3L, 16L), List.of(required.get("transformer.timestep_embedding.weight")[0],
                required.get("transformer.timestep_embedding.weight")[1]));
        assertEquals("[2, 16]", java.util.Arrays.toString(required.get("transformer.core_block.0.attn.Wqkv.lora_A.2")));
        assertEquals("[48, 2]", java.util.Arrays.toString(required.get("transformer.core_block.0.attn.Wqkv.lora_B.2")));
        assertEquals("[2, 24]", java.util.Arrays.toString(required.get("transformer.core_block.0.mlp.proj.lora_A.1")));
        assertEquals("[16, 2]", java.util.Arrays.toString(required.get("transformer.core_block.0.mlp.proj.lora_B.1")));
        assertNull(required.get("transformer.core_block.0.mlp.fc.lora_A.1"), "mlp.fc is not a target");
        assertNull(required.get("transformer.core_block.0.attn.Wqkv.lora_A.3"), "T = 2");
        assertEquals(HuginnLayout.required(TINY).size() + 1 + 2 * 2 * 2, required.size());
        long lora = 2L * 2 * ((16 + 48) + (24 + 16));
        assertEquals(TINY.parameterCount() + 3 * 16 + lora, c.parameterCount());
    }

    @Test
    void aCheckpointWithStabilisersWritesAndLoadsBack() throws Exception {
        HuginnConfig c = TINY.withSlr(ALL);
        Map<String, INDArray> written = TestCheckpoints.writeRandom(dir, c, 3);
        LoadedCheckpoint loaded = CheckpointLoader.load(dir);
        assertEquals(c, loaded.config());
        assertEquals(List.of(), loaded.warnings());
        TestCheckpoints.assertSameWeights(HuginnLayout.assemble(c, written::get), loaded.weights(), c);
        LoraDelta d = loaded.weights().slr().delta(0, LoraTarget.MLP_PROJ, 2);
        assertEquals("[2, 24] [16, 2]", java.util.Arrays.toString(d.a().shape()) + " " + java.util.Arrays.toString(d.b().shape()));
        assertEquals(0.0, d.b().amaxNumber().doubleValue(), "B starts at zero, as in LoRA");
        assertTrue(d.a().amaxNumber().doubleValue() > 0, "A starts random");
        assertNull(loaded.weights().slr().delta(0, LoraTarget.MLP_FC, 1));
    }

    @Test
    void aMissingLoraTensorNamesTheIterationAndTheFieldThatPromisesIt() throws Exception {
        HuginnConfig c = TINY.withSlr(ALL);
        Map<String, INDArray> written = TestCheckpoints.writeRandom(dir, c, 3);
        RawSafetensors.of(written).remove("transformer.core_block.0.attn.Wqkv.lora_B.2").remove(SlrLayout.TIMESTEP)
                .write(dir.resolve("model.safetensors"));
        List<String> p = assertThrows(CheckpointException.class, () -> CheckpointLoader.load(dir)).problems();
        Path file = dir.resolve("model.safetensors");
        assertEquals(List.of(
                "tensor \"transformer.timestep_embedding.weight\" [3, 16] is missing from [" + file + "]: slr.timestep_embedding "
                        + "\"learned\" with timestep_steps 3 needs it",
                "tensor \"transformer.core_block.0.attn.Wqkv.lora_B.2\" [48, 2] is missing from [" + file + "]: slr.loop_lora_steps 2 "
                        + "promises a LoRA delta (lora_B) for iteration 2 of attn.Wqkv in core layer 0 (slr.loop_lora_rank 2)"), p);
    }

    @Test
    void anAbsurdLoraStepCountIsRefusedBeforeAnyNameIsListed() throws Exception {
        TestCheckpoints.writeRandom(dir, TINY.withSlr(ALL), 3);
        ConfigWriter.write(dir.resolve("config.json"), TINY.withSlr(SlrConfig.lora(2, Set.of(LoraTarget.MLP_FC), 10_000_000, LoraBeyond.LAST)));
        String message = assertThrows(CheckpointException.class, () -> CheckpointLoader.load(dir)).getMessage();
        assertTrue(message.contains("slr.loop_lora_steps 10000000 needs 20000030 tensors but the checkpoint holds 39"), message);
    }

    @Test
    void stabiliserTensorsWithoutAnSlrConfigAreAWarning() throws Exception {
        HuginnConfig c = TINY.withSlr(ALL);
        Map<String, INDArray> written = TestCheckpoints.writeRandom(dir, c, 3);
        ConfigWriter.write(dir.resolve("config.json"), TINY);                    // the slr object lost
        LoadedCheckpoint loaded = CheckpointLoader.load(dir);
        assertEquals(SlrConfig.NONE, loaded.config().slr());
        assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
        assertTrue(loaded.warnings().getFirst().contains("transformer.timestep_embedding.weight")
                && loaded.warnings().getFirst().contains("config.json has no \"slr\" object"), loaded.warnings().getFirst());
        assertEquals(HuginnLayout.required(TINY).size(), HuginnLayout.flatten(TINY, loaded.weights()).size());
        assertTrue(written.size() > HuginnLayout.required(TINY).size());
    }
}
