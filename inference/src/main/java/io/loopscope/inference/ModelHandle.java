package io.loopscope.inference;

import io.loopscope.inference.checkpoint.CheckpointException;
import io.loopscope.inference.checkpoint.CheckpointLoader;
import io.loopscope.inference.checkpoint.LoadedCheckpoint;
import io.loopscope.inference.checkpoint.OuroCheckpointLoader;
import io.loopscope.inference.checkpoint.OuroConfigReader;
import io.loopscope.inference.model.HuginnModel;
import io.loopscope.inference.model.OuroModel;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.tokenizer.ChatTemplate;
import io.loopscope.inference.tokenizer.Tokenizer;
import io.loopscope.inference.tokenizer.Tokenizers;
import io.loopscope.inference.trace.Tracer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model ready to run: the checkpoint's engine, its tokenizer when the folder has one, and the
 * name runs are described by.
 */
public record ModelHandle(String name, Path directory, LoopedModel model, Optional<Tokenizer> tokenizer, List<String> warnings) {

    public ModelHandle {
        warnings = List.copyOf(warnings);
    }

    /**
     * Loads a model folder (config.json + safetensors, optionally tokenizer.json); config.json's
     * model_type picks the family: "ouro" for Ouro, anything else is read as Huginn.
     */
    public static ModelHandle open(Path directory) throws CheckpointException, IOException {
        return open(directory, io.loopscope.inference.checkpoint.LoadListener.NONE);
    }

    /** As {@link #open(Path)}, telling listener how much of the weights has been read and stopping when it cancels. */
    public static ModelHandle open(Path directory, io.loopscope.inference.checkpoint.LoadListener listener) throws CheckpointException, IOException {
        Path dir = directory.toAbsolutePath().normalize();
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        if (OuroConfigReader.MODEL_TYPE.equals(CheckpointLoader.modelType(directory))) {
            OuroCheckpointLoader.Loaded ouro = OuroCheckpointLoader.load(directory, io.loopscope.inference.checkpoint.MemoryBudget.current(), listener);
            return new ModelHandle(name, dir, new OuroModel(ouro.config(), ouro.weights()), Tokenizers.forModel(dir), ouro.warnings());
        }
        LoadedCheckpoint checkpoint = CheckpointLoader.load(directory, io.loopscope.inference.checkpoint.MemoryBudget.current(), listener);
        return new ModelHandle(name, dir, new HuginnModel(checkpoint.config(), checkpoint.weights()),
                Tokenizers.forModel(dir), checkpoint.warnings());
    }

    /** The same model under another name (the embedded model is "embedded" wherever it was extracted). */
    public ModelHandle named(String newName) {
        return new ModelHandle(newName, directory, model, tokenizer, warnings);
    }

    /** Token ids of a prompt; needs the model's tokenizer. */
    public long[] encode(String prompt) {
        Tokenizer t = tokenizer.orElseThrow(() -> new IllegalArgumentException(
                "model " + name + " has no tokenizer.json; pass token ids with --ids instead of --prompt"));
        return t.encode(prompt);
    }

    /**
     * The ids of one chat message in the model's chat format, asking it to answer.
     *
     * @throws IllegalArgumentException when the model has no tokenizer or no chat template
     */
    public long[] encodeChat(String message) {
        Tokenizer t = tokenizer.orElseThrow(() -> new IllegalArgumentException(
                "model " + name + " has no tokenizer.json, so no chat template; pass --prompt or --ids"));
        ChatTemplate template = ChatTemplate.of(t).orElseThrow(() -> new IllegalArgumentException(
                "model " + name + " has no chat template: its tokenizer lacks the special tokens "
                        + String.join(" ", ChatTemplate.HUGINN.markers()) + " of Huginn's chat format; pass --prompt instead"));
        return t.encode(template.render(message));
    }

    /** The text of ids as the tokenizer decodes it; "" without a tokenizer. */
    public String decode(long[] ids) {
        return tokenizer.map(t -> t.decode(ids)).orElse("");
    }

    /** The ids that end a text (generation stops at them); none without a tokenizer. */
    public java.util.Set<Long> endTokenIds() {
        return tokenizer.map(Tokenizer::endTokenIds).orElse(java.util.Set.of());
    }

    /**
     * Checks that a stop string is text the model can write.
     *
     * @throws IllegalArgumentException without a tokenizer, or when the text holds characters outside its vocabulary
     */
    public void requireWritable(String stop) {
        Tokenizer t = tokenizer.orElseThrow(() -> new IllegalArgumentException(
                "model " + name + " has no tokenizer.json, so a --stop string cannot be matched; stop with --max-new-tokens"));
        if (stop.isEmpty()) throw new IllegalArgumentException("a --stop string must not be empty");
        try {
            t.encode(stop);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--stop \"" + stop + "\" can never be generated: " + e.getMessage(), e);
        }
    }

    /** The display string of one id: the tokenizer's piece, or "#id" without one. */
    public String tokenString(long id) {
        return tokenizer.map(t -> t.tokenString(id)).orElse("#" + id);
    }

    /** Display strings of the given ids, as {@link #tokenString(long)}. */
    public List<String> tokenStrings(long[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (long id : ids) out.add(tokenString(id));
        return out;
    }

    public Tracer.Subject subject() {
        return new Tracer.Subject(model, name, directory);
    }
}
