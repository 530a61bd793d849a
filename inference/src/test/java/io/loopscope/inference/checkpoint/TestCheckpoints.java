package io.loopscope.inference.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small checkpoints for tests, and ways to compare them. */
final class TestCheckpoints {
    /** H 16, 2 heads (hd 8), I 24, V 20, one block per part. */
    static final HuginnConfig TINY = new HuginnConfig(16, 2, 2, 24, 20, 1, 1, 1, 1e-6, 50_000, 32, true, true, 4);

    private TestCheckpoints() {
    }

    /** A valid random checkpoint in dir; returns the tensors it wrote, by name. */
    static Map<String, INDArray> writeRandom(Path dir, HuginnConfig config, long seed) throws IOException {
        HuginnWeights w = RandomWeights.create(config, seed);
        HuginnCheckpointWriter.write(dir, config, w);
        return HuginnLayout.flatten(config, w);
    }

    /** Every tensor of one safetensors file, read as float32. */
    static Map<String, INDArray> readAll(Path file) throws CheckpointException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            for (String name : r.header().tensors().keySet()) out.put(name, r.read(name));
        }
        return out;
    }

    /** Copies a fixture variant's config.json (the fixture itself is never touched). */
    static Path copyConfig(Path variant, Path into) throws IOException {
        Files.createDirectories(into);
        Files.copy(variant.resolve("config.json"), into.resolve("config.json"));
        return into;
    }

    static void assertSameWeights(HuginnWeights expected, HuginnWeights actual, HuginnConfig config) {
        Map<String, INDArray> e = HuginnLayout.flatten(config, expected);
        Map<String, INDArray> a = HuginnLayout.flatten(config, actual);
        assertEquals(e.keySet(), a.keySet());
        e.forEach((name, x) -> {
            assertArrayEquals(x.shape(), a.get(name).shape(), name);
            assertArrayEquals(x.dup('c').data().asFloat(), a.get(name).dup('c').data().asFloat(), name);
        });
    }
}
