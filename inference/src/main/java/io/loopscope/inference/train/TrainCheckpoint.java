package io.loopscope.inference.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopscope.inference.checkpoint.CheckpointException;
import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.HuginnCheckpointWriter;
import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnLayout;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.io.Npz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training run's folder:
 * <pre>
 *   OUT/config.json, model.safetensors, tokenizer.json   the latest model — a model folder like any other
 *   OUT/checkpoints/step-0001000/                         model + optimizer.npz + trainer.json, complete or absent
 * </pre>
 * A checkpoint is written into a hidden ".partial" folder and renamed into place only when every
 * file is complete, so an interrupt never damages the last good one; the previous checkpoint is kept.
 */
public final class TrainCheckpoint {
    static final String CHECKPOINTS = "checkpoints";
    static final String STATE = "trainer.json";
    static final String OPTIMIZER = "optimizer.npz";
    public static final String TOKENIZER = "tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP = 2;

    private TrainCheckpoint() {
    }

    /** A checkpoint read back for resuming. */
    record Loaded(Path dir, long step, TrainOptions options, Map<String, INDArray> params, Map<String, INDArray> optimizer,
                  double elapsedSeconds, JsonNode curriculum) {
    }

    static void save(Path out, TrainOptions options, HuginnConfig config, Map<String, INDArray> params, Adam adam,
                     long step, CharVocab vocab, double elapsedSeconds, JsonNode curriculum) throws IOException {
        Path dir = out.resolve(CHECKPOINTS);
        Files.createDirectories(dir);
        Path target = dir.resolve(String.format("step-%07d", step));
        Path partial = dir.resolve(String.format(".step-%07d.partial", step));
        deleteTree(partial);
        Files.createDirectories(partial);
        HuginnCheckpointWriter.write(partial, config, HuginnLayout.assemble(config, params::get));
        Files.writeString(partial.resolve(TOKENIZER), vocab.tokenizerJson(), StandardCharsets.UTF_8);
        Npz.write(partial.resolve(OPTIMIZER), adam.state(), Map.of());
        ObjectNode state = JSON.createObjectNode();
        state.put("step", step);
        state.put("adam_steps", adam.steps());
        state.put("elapsed_seconds", elapsedSeconds);
        state.put("architecture", options.architecture());
        state.put("vocab", vocab.toString());
        state.set("options", JSON.valueToTree(options));
        state.set("curriculum", curriculum);
        Files.writeString(partial.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        deleteTree(target); // only a stale copy of this very step (a resumed run repeating it) can be here
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        publish(target, out);
        prune(dir);
    }

    /** Copies the model files to OUT's top level, each through a temporary file and an atomic rename; config last. */
    private static void publish(Path checkpoint, Path out) throws IOException {
        for (String name : List.of("model.safetensors", TOKENIZER, CheckpointLoader.CONFIG_FILE)) {
            Path tmp = out.resolve("." + name + ".partial");
            Files.copy(checkpoint.resolve(name), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, out.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void prune(Path dir) throws IOException {
        List<Path> all = complete(dir);
        for (int i = 0; i < all.size() - KEEP; i++) deleteTree(all.get(i));
    }

    /** Complete checkpoints, oldest first. */
    private static List<Path> complete(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-") && Files.isRegularFile(p.resolve(STATE)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** The newest complete checkpoint under OUT, if any. */
    public static Optional<Path> latest(Path out) throws IOException {
        List<Path> all = complete(out.resolve(CHECKPOINTS));
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    static Loaded load(Path checkpoint) throws IOException {
        ObjectNode state;
        try {
            state = (ObjectNode) JSON.readTree(checkpoint.resolve(STATE).toFile());
        } catch (IOException | ClassCastException e) {
            throw new IOException("unreadable training state " + checkpoint.resolve(STATE) + ": " + e.getMessage(), e);
        }
        TrainOptions options = JSON.treeToValue(state.get("options"), TrainOptions.class);
        LoadedCheckpoint model;
        try {
            model = CheckpointLoader.load(checkpoint);
        } catch (CheckpointException e) {
            throw new IOException("checkpoint " + checkpoint + " is damaged: " + e.getMessage(), e);
        }
        if (!model.config().slr().equals(options.slr())) {
            throw new IOException("checkpoint " + checkpoint + " is inconsistent: its config.json has stabilisers " + model.config().slr().describe()
                    + " but its " + STATE + " says " + options.slr().describe());
        }
        Map<String, INDArray> params = new java.util.LinkedHashMap<>();
        HuginnLayout.flatten(model.config(), model.weights()).forEach((k, v) -> params.put(k, v.dup('c')));
        Map<String, INDArray> optimizer = Npz.read(checkpoint.resolve(OPTIMIZER)).arrays();
        return new Loaded(checkpoint, state.get("step").asLong(), options, params, optimizer, state.path("elapsed_seconds").asDouble(),
                state.path("curriculum"));
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> s = Files.walk(path)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
