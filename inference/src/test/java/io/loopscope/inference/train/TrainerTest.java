package io.loopscope.inference.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.model.HuginnModel;
import io.loopscope.inference.model.StateInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    /** A model small enough that a few steps take seconds. */
    static TrainOptions tiny(int steps, int hidden) {
        return new TrainOptions(List.of("copy", "sum"), steps, 5, 4, 1e-3, 1, 2, 0.5, 0, 2, 4, 2,
                hidden, 2, 24, 1, 1, 1, 64, Map.of());
    }

    private static final Trainer.Listener QUIET = (step, total, loss, acc, r, eps) -> { };

    @Test
    void resumingReproducesAStraightRunExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight"), resumed = dir.resolve("resumed");
        List<Double> losses = new ArrayList<>();
        new Trainer(tiny(4, 16), straight, false).run((step, total, loss, acc, r, eps) -> losses.add(loss));
        assertEquals(4, losses.size());
        assertTrue(losses.stream().allMatch(Double::isFinite), losses.toString());

        // the same run, interrupted right after its step-2 checkpoint
        RuntimeException interrupt = assertThrows(RuntimeException.class, () -> new Trainer(tiny(4, 16), resumed, false).run(
                new Trainer.Listener() {
                    @Override
                    public void onStep(long step, long total, double loss, double acc, int r, double eps) {
                    }

                    @Override
                    public void onCheckpoint(long step, Path where) {
                        throw new RuntimeException("interrupted");
                    }
                }));
        assertEquals("interrupted", interrupt.getMessage());
        Trainer again = new Trainer(tiny(4, 16), resumed, true);
        assertEquals(2, again.step());
        again.run(QUIET);
        assertArrayEquals(Files.readAllBytes(straight.resolve("model.safetensors")), Files.readAllBytes(resumed.resolve("model.safetensors")));

        // OUT is an ordinary model folder the engine loads
        LoadedCheckpoint model = CheckpointLoader.load(straight);
        assertEquals(16, model.config().hidden());
        HuginnModel engine = new HuginnModel(model.config(), model.weights());
        long[] ids = {7, 8, 9};
        assertEquals(3, engine.decode(engine.recur(engine.initialState(new StateInit.Zeros(), 3), engine.embed(ids), 2,
                (i, s) -> { })).rows());
        assertTrue(Files.isRegularFile(straight.resolve(TrainCheckpoint.TOKENIZER)));
    }

    /** Every stabiliser at once, T = 2 (below the sampled r, so the beyond rule trains too). */
    static final io.loopscope.inference.checkpoint.SlrConfig SLR = new io.loopscope.inference.checkpoint.SlrConfig(
            io.loopscope.inference.checkpoint.SlrConfig.Timestep.LEARNED, 2, 2,
            java.util.EnumSet.allOf(io.loopscope.inference.checkpoint.SlrConfig.LoraTarget.class), 2,
            io.loopscope.inference.checkpoint.SlrConfig.LoraBeyond.LAST, io.loopscope.inference.checkpoint.SlrConfig.Residual.S0, 0.5);

    @Test
    void anSlrRunTrainsItsStabilisersResumesExactlyAndLoadsInTheEngine(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight"), resumed = dir.resolve("resumed");
        TrainOptions options = tiny(4, 16).withSlr(SLR);
        new Trainer(options, straight, false).run(QUIET);
        assertThrows(RuntimeException.class, () -> new Trainer(options, resumed, false).run(new Trainer.Listener() {
            @Override
            public void onStep(long step, long total, double loss, double acc, int r, double eps) {
            }

            @Override
            public void onCheckpoint(long step, Path where) {
                throw new RuntimeException("interrupted after step " + step);
            }
        }));
        Trainer again = new Trainer(tiny(4, 16), resumed, true);                  // --resume without the stabiliser options keeps them
        assertEquals(SLR, again.options().slr());
        again.run(QUIET);
        assertArrayEquals(Files.readAllBytes(straight.resolve("model.safetensors")), Files.readAllBytes(resumed.resolve("model.safetensors")));

        LoadedCheckpoint model = CheckpointLoader.load(straight);
        assertEquals(SLR, model.config().slr());
        HuginnModel engine = new HuginnModel(model.config(), model.weights());
        assertEquals("slr", engine.family());
        var initial = io.loopscope.inference.checkpoint.RandomWeights.create(model.config(), options.seed()).slr();
        var trained = model.weights().slr();
        assertTrue(trained.delta(0, io.loopscope.inference.checkpoint.SlrConfig.LoraTarget.MLP_FC, 2).b().amaxNumber().doubleValue() > 0,
                "B left zero: the LoRA was trained");
        assertTrue(trained.timestep().sub(initial.timestep()).amaxNumber().doubleValue() > 0, "the learned τ was trained");
        long[] ids = {7, 8, 9};
        assertEquals(3, engine.decode(engine.recur(engine.initialState(new StateInit.Zeros(), 3), engine.embed(ids), 5,
                (i, st) -> { })).rows());

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> new Trainer(tiny(5, 16).withSlr(
                io.loopscope.inference.checkpoint.SlrConfig.residual(io.loopscope.inference.checkpoint.SlrConfig.Residual.PREVIOUS, 1)),
                straight, true));
        assertTrue(other.getMessage().contains("cannot resume") && other.getMessage().contains("residual s0 ×0.5")
                && other.getMessage().contains("residual previous"), other.getMessage());
    }

    @Test
    void refusesToResumeAnotherArchitectureOrToOverwriteARun(@TempDir Path dir) throws Exception {
        new Trainer(tiny(2, 16), dir, false).run(QUIET);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> new Trainer(tiny(4, 24), dir, true));
        assertTrue(other.getMessage().contains("cannot resume") && other.getMessage().contains("hidden=16")
                && other.getMessage().contains("hidden=24"), other.getMessage());
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () -> new Trainer(tiny(4, 16), dir, false));
        assertTrue(exists.getMessage().contains("--resume"), exists.getMessage());
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(tiny(4, 16), dir.resolve("empty"), true));
        assertTrue(nothing.getMessage().contains("no training checkpoint"), nothing.getMessage());
    }

    @Test
    void aHalfWrittenCheckpointIsIgnored(@TempDir Path dir) throws Exception {
        new Trainer(tiny(2, 16), dir, false).run(QUIET);
        Path partial = dir.resolve("checkpoints/.step-0000004.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("model.safetensors"), "truncated");
        Path unfinished = dir.resolve("checkpoints/step-0000006");  // no trainer.json: never completed
        Files.createDirectories(unfinished);
        assertEquals("step-0000002", TrainCheckpoint.latest(dir).orElseThrow().getFileName().toString());
        assertEquals(2, new Trainer(tiny(4, 16), dir, true).step());
    }

    @Test
    void theDepthCurriculumRampsTheMeanRecurrenceFromOne() {
        TrainOptions o = TrainOptions.defaults(List.of("sum"), 1000, 1);
        assertEquals(8, o.meanRecurrenceAt(1), "no ramp by default: Huginn's recipe");
        TrainOptions ramped = new TrainOptions(o.tasks(), 1000, 1, 32, 2e-3, 200, 8, 0.5, 700, 4, 32, 250, 128, 4, 352, 1, 2, 1, 64, Map.of());
        assertEquals(1.01, ramped.meanRecurrenceAt(1), 1e-9);
        assertEquals(4.5, ramped.meanRecurrenceAt(350), 1e-9);
        assertEquals(8, ramped.meanRecurrenceAt(700), 1e-9);
        assertEquals(8, ramped.meanRecurrenceAt(1000), 1e-9);
    }

    @Test
    void unknownTasksAreRejectedWithTheValidNames() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new TrainOptions(List.of("sum", "sort"),
                1, 1, 1, 1e-3, 0, 2, 0.5, 0, 1, 4, 1, 16, 2, 24, 1, 1, 1, 64, Map.of()));
        assertTrue(ex.getMessage().contains("sort") && ex.getMessage().contains("sum, add, hops, count, copy"), ex.getMessage());
    }

    @Test
    void taskWeightsAreValidated() {
        TrainOptions o = tiny(2, 16);
        IllegalArgumentException notTrained = assertThrows(IllegalArgumentException.class, () -> o.withTaskWeights(Map.of("hops", 4.0)));
        assertTrue(notTrained.getMessage().contains("'hops'") && notTrained.getMessage().contains("copy, sum"), notTrained.getMessage());
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> o.withTaskWeights(Map.of("sum", bad)));
            assertTrue(ex.getMessage().contains("task weight of sum"), ex.getMessage());
        }
        assertEquals(Map.of("sum", 4.0), o.withTaskWeights(Map.of("sum", 4.0)).taskWeights());
    }

    @Test
    void aResumeKeepsTheWeightsItWasStartedWith(@TempDir Path dir) throws Exception {
        TrainOptions weighted = tiny(2, 16).withTaskWeights(Map.of("sum", 3.0));
        new Trainer(weighted, dir, false).run(QUIET);
        Trainer resumed = new Trainer(tiny(3, 16), dir, true); // `--resume --steps 3` without --task-weight
        assertEquals(Map.of("sum", 3.0), resumed.options().taskWeights());
        IllegalArgumentException changed = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(tiny(3, 16).withTaskWeights(Map.of("sum", 2.0)), dir, true));
        assertTrue(changed.getMessage().contains("task weights {sum=3.0}") && changed.getMessage().contains("leave --task-weight out"),
                changed.getMessage());
    }

    @Test
    void theOptionsStoreTheStabilisersAsConfigJsonDoesAndOldOnesHaveNone() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(tiny(2, 16).withSlr(SLR));
        assertEquals("learned", tree.at("/slr/timestep_embedding").asText());
        assertEquals("s0", tree.at("/slr/loop_residual").asText());
        assertEquals(tiny(2, 16).withSlr(SLR), json.treeToValue(tree, TrainOptions.class));
        tree.remove("slr");
        assertEquals(tiny(2, 16), json.treeToValue(tree, TrainOptions.class));
    }

    @Test
    void aCheckpointFromBeforeTaskWeightsLoadsWithNone() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(tiny(2, 16));
        assertTrue(tree.has("taskWeights"));
        tree.remove("taskWeights");
        TrainOptions old = json.treeToValue(tree, TrainOptions.class);
        assertEquals(Map.of(), old.taskWeights());
        assertEquals(tiny(2, 16), old);
    }
}
