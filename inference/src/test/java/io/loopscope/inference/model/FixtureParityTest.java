package io.loopscope.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.io.Npy;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.trace.FloatTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import io.loopscope.inference.testing.RequiresFixtures;

/**
 * The engine against ../shared/fixtures/huginn-tiny: outputs of an independent float64
 * implementation, for every case of the manifest, within its suggested float32 tolerances.
 */
@RequiresFixtures
class FixtureParityTest {
    private static final Path ROOT = Fixtures.huginnTiny();
    private static final Map<String, HuginnModel> MODELS = new HashMap<>();

    static Stream<Arguments> cases() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(ROOT.resolve("manifest.json").toFile());
        List<Arguments> out = new ArrayList<>();
        manifest.get("cases").forEach(c -> out.add(Arguments.of(c.get("variant").asText() + "/" + c.get("name").asText(), c)));
        return out.stream();
    }

    private static synchronized HuginnModel model(String variant) {
        return MODELS.computeIfAbsent(variant, v -> {
            try {
                LoadedCheckpoint c = CheckpointLoader.load(ROOT.resolve(v));
                return new HuginnModel(c.config(), c.weights());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(String name, JsonNode c) throws Exception {
        HuginnModel model = model(c.get("variant").asText());
        String input = c.get("input").asText();
        long[] ids = Npy.read(ROOT.resolve("inputs/" + input + "_ids.npy")).castTo(DataType.INT64).data().asLong();
        int r = c.get("r").asInt();
        JsonNode tol = c.get("suggested_atol").get("float32_implementation");

        INDArray e = model.embed(ids);
        String s0Name = c.get("s0").asText();
        INDArray s0 = s0Name.equals("zeros")
                ? model.initialState(new StateInit.Zeros(), ids.length)
                : Npy.read(ROOT.resolve(s0Name)).castTo(DataType.FLOAT);

        List<INDArray> states = new ArrayList<>();
        List<INDArray> lens = new ArrayList<>();
        INDArray last = model.recur(s0, e, r, (step, state) -> {
            states.add(state.dup());
            lens.add(model.decode(state));
        });

        JsonNode files = c.get("files");
        assertClose("states", expected(files, "states"), Nd4j.stack(0, states.toArray(INDArray[]::new)), tol.get("states").asDouble());
        assertClose("final_latent", expected(files, "final_latent"), model.normalizedLatent(last), tol.get("states").asDouble());
        INDArray logits = model.decode(last);
        assertClose("logits", expected(files, "logits"), logits, tol.get("logits").asDouble());
        assertClose("lens", expected(files, "lens"), Nd4j.stack(0, lens.toArray(INDArray[]::new)), tol.get("lens").asDouble());
        int lastPosition = ids.length - 1;
        assertEquals(c.get("argmax_last_position").asInt(), logits.getRow(lastPosition).argMax().getInt(0), "argmax at the last position");
    }

    @ParameterizedTest
    @MethodSource("variants")
    void embeddingsAndPreludeMatch(String variant) throws Exception {
        HuginnModel model = model(variant);
        for (String input : List.of("A", "B")) {
            long[] ids = Npy.read(ROOT.resolve("inputs/" + input + "_ids.npy")).castTo(DataType.INT64).data().asLong();
            INDArray embeds = model.embedTokens(ids);
            assertClose(input + " embeds", Npy.read(ROOT.resolve("expected/" + variant + "/" + input + "_embeds.npy")), embeds, 1e-5);
            assertClose(input + " prelude", Npy.read(ROOT.resolve("expected/" + variant + "/" + input + "_prelude.npy")), model.prelude(embeds), 2e-5);
        }
    }

    static Stream<String> variants() {
        return Stream.of("f32", "bf16");
    }

    private static INDArray expected(JsonNode files, String name) throws Exception {
        return Npy.read(ROOT.resolve(files.get(name).get("path").asText()));
    }

    static void assertClose(String what, INDArray expected, INDArray actual, double atol) {
        assertEquals(List.of(toList(expected.shape())), List.of(toList(actual.shape())), what + " shape");
        FloatTensor a = new FloatTensor(toInt(actual.shape()), actual.castTo(DataType.FLOAT).dup('c').data().asFloat());
        double[] x = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double worst = 0;
        for (int i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - a.data()[i]));
        assertTrue(worst <= atol, what + ": max |error| " + worst + " exceeds tolerance " + atol);
        System.out.printf("fixture %-14s max |error| %.3e (tolerance %.1e)%n", what, worst, atol);
    }

    private static List<Long> toList(long[] shape) {
        List<Long> l = new ArrayList<>();
        for (long d : shape) l.add(d);
        return l;
    }

    private static int[] toInt(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) out[i] = (int) shape[i];
        return out;
    }
}
