package io.loopscope.inference.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.model.HuginnModel;
import io.loopscope.inference.tasks.CopyTask;
import io.loopscope.inference.tasks.Evaluator;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Tasks;
import io.loopscope.inference.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped model: extracted once per version, small, loadable, and it answers the control task. */
class EmbeddedModelTest {

    @Test
    void extractsOnceIntoAVersionedFolderTheLoaderReads(@TempDir Path cache) throws Exception {
        assertTrue(EmbeddedModel.available(), "this build must carry the embedded model");
        Path dir = EmbeddedModel.directory(cache);
        assertTrue(dir.getFileName().toString().matches("embedded-[0-9a-f]{12}"), dir.toString());
        long modified = Files.getLastModifiedTime(dir.resolve("model.safetensors")).toMillis();
        assertEquals(dir, EmbeddedModel.directory(cache));                   // second call reuses it
        assertEquals(modified, Files.getLastModifiedTime(dir.resolve("model.safetensors")).toMillis());
        try (var files = Files.list(cache)) {
            assertEquals(1, files.count(), "no temporary folders are left behind");
        }

        long bytes = 0;
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) bytes += Files.size(dir.resolve(f));
        assertTrue(bytes <= 20L * 1024 * 1024, "embedded model is " + bytes + " bytes");

        // How fast it loads ("under a second") is a benchmark figure, not a timed assertion.
        LoadedCheckpoint checkpoint = CheckpointLoader.load(dir);
        HuginnModel model = new HuginnModel(checkpoint.config(), checkpoint.weights());
        try (HfTokenizer tokenizer = HfTokenizer.load(dir.resolve("tokenizer.json"))) {
            Evaluator evaluator = new Evaluator(model, tokenizer);
            int right = 0;
            List<Example> examples = Tasks.examples(new CopyTask(), new CopyTask().training(), 20, 99);
            for (int i = 0; i < examples.size(); i++) {
                if (evaluator.answers(examples.get(i), new int[] {16}, i)[0]) right++;
            }
            assertTrue(right >= 15, "the control task is answered: " + right + "/20");
        }
    }
}
