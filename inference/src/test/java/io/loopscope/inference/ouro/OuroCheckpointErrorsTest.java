package io.loopscope.inference.ouro;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.checkpoint.CheckpointException;
import io.loopscope.inference.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.loopscope.inference.testing.RequiresFixtures;

/** Ouro configs LoopScope does not run, named by field and value. */
@RequiresFixtures
class OuroCheckpointErrorsTest {
    @TempDir
    Path dir;

    private String problemWith(Consumer<ObjectNode> edit) throws Exception {
        Path source = Fixtures.ouroTiny().resolve("f32");
        Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(source.resolve("config.json").toFile());
        edit.accept(config);
        Files.writeString(dir.resolve("config.json"), json.writeValueAsString(config));
        return assertThrows(CheckpointException.class, () -> ModelHandle.open(dir)).getMessage();
    }

    @Test
    void slidingWindowLayersAreRefused() throws Exception {
        String m = problemWith(c -> {
            c.put("use_sliding_window", true).put("sliding_window", 16);
            c.putArray("layer_types").add("full_attention").add("sliding_attention");
        });
        assertTrue(m.contains("use_sliding_window true is not supported"), m);
        assertTrue(m.contains("layer_types[1] \"sliding_attention\" is not supported") && m.contains("sliding_window 16"), m);
    }

    @Test
    void ropeScalingAndOtherActivationsAreRefused() throws Exception {
        String m = problemWith(c -> {
            c.putObject("rope_scaling").put("type", "yarn").put("factor", 4.0);
            c.put("hidden_act", "gelu");
        });
        assertTrue(m.contains("rope_scaling {\"type\":\"yarn\",\"factor\":4.0} is not supported"), m);
        assertTrue(m.contains("hidden_act \"gelu\" is not supported"), m);
    }

    @Test
    void aGateThresholdOutsideZeroOneIsRefused() throws Exception {
        String m = problemWith(c -> c.put("early_exit_threshold", 1.5));
        assertTrue(m.contains("early_exit_threshold must be in (0, 1], got 1.5"), m);
    }

    @Test
    void namesOfNeitherFamilySayWhatIsMissing() throws Exception {
        String m = problemWith(c -> c.put("num_hidden_layers", 3));   // the file has layers 0 and 1 only
        assertTrue(m.contains("missing") && m.contains("model.layers.2.self_attn.q_proj.weight"), m);
    }
}
