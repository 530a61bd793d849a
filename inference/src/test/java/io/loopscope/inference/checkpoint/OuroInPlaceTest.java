package io.loopscope.inference.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.testing.RequiresFixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An Ouro BF16 checkpoint keeps its matrices BF16 (q/k/v and gate/up stacked as BF16); a checkpoint mixing dtypes still loads. */
@RequiresFixtures
class OuroInPlaceTest {
    private static final String K0 = "model.layers.0.self_attn.k_proj.weight";

    @TempDir
    Path dir;

    @Test
    void bf16MatricesStayBf16AndTheNormsWiden() throws CheckpointException {
        OuroWeights w = OuroCheckpointLoader.load(Fixtures.ouroTiny().resolve("bf16")).weights();
        for (BlockWeights layer : w.layers()) {
            for (INDArray matrix : List.of(layer.wqkv(), layer.proj(), layer.fc(), layer.mlpProj())) assertEquals(DataType.BFLOAT16, matrix.dataType());
            assertEquals(DataType.FLOAT, layer.norm1().dataType());
        }
        assertEquals(DataType.BFLOAT16, w.embed().dataType());
        assertEquals(DataType.BFLOAT16, w.lmHead().dataType());
        assertEquals(DataType.FLOAT, w.gateWeight().dataType());
    }

    @Test
    void aCheckpointMixingDtypesStacksItsQkvAsFloat32WithTheSameValues() throws Exception {
        Path source = Fixtures.ouroTiny().resolve("bf16");
        Map<String, INDArray> wide = TestCheckpoints.readAll(source.resolve("model.safetensors"));
        RawSafetensors raw = RawSafetensors.of(wide);
        wide.forEach((name, a) -> {
            if (a.rank() == 2 && !name.equals(K0)) raw.replace(name, "BF16", a.shape(), bf16(a));   // exact: the values came from BF16
        });
        raw.write(dir.resolve("model.safetensors"));
        Files.copy(source.resolve("config.json"), dir.resolve("config.json"));

        OuroWeights mixed = OuroCheckpointLoader.load(dir).weights(), stored = OuroCheckpointLoader.load(source).weights();
        assertEquals(DataType.FLOAT, mixed.layers().getFirst().wqkv().dataType(), "layer 0 mixes BF16 q, v with an F32 k");
        assertEquals(DataType.BFLOAT16, mixed.layers().get(1).wqkv().dataType());
        for (int i = 0; i < stored.layers().size(); i++) {
            assertArrayEquals(floats(stored.layers().get(i).wqkv()), floats(mixed.layers().get(i).wqkv()), "layer " + i);
            assertArrayEquals(floats(stored.layers().get(i).fc()), floats(mixed.layers().get(i).fc()), "layer " + i);
        }
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static byte[] bf16(INDArray a) {
        float[] v = floats(a);
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putShort((short) (Float.floatToIntBits(f) >>> 16));
        return b.array();
    }
}
