package io.loopscope.app;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.ShippedModels;
import io.loopscope.inference.checkpoint.CheckpointException;
import io.loopscope.inference.trace.RunInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The --model option shared by every command that runs a model. */
public final class ModelOption {
    @Option(names = {"-m", "--model"}, paramLabel = "DIR|NAME",
            description = {"A model folder (Huginn or Ouro format: config.json + *.safetensors [+ tokenizer.json]) or the name of",
                    "a shipped model (loopscope models lists them); default: the embedded model."})
    Path model;

    /** The option as if --model had been given this folder or name (compare-models opens several). */
    static ModelOption of(Path folderOrName) {
        ModelOption o = new ModelOption();
        o.model = folderOrName;
        return o;
    }

    /**
     * Opens the chosen model, printing the loader's warnings to err. A shipped model is named by its
     * name ("embedded" for the default, as the workbench names it), so a trace of it says so on any
     * machine (its extracted folder exists only on the one that made it).
     */
    ModelHandle open(PrintWriter err) throws CheckpointException, IOException {
        ModelHandle handle = ModelHandle.open(directory());
        for (String w : handle.warnings()) err.println("warning: " + w);
        Optional<ShippedModels.Model> shipped = shipped();
        return shipped.isPresent() ? handle.named(shipped.get().name()) : handle;
    }

    Path directory() throws IOException {
        Optional<ShippedModels.Model> shipped = shipped();
        if (shipped.isPresent()) {
            if (!shipped.get().available()) throw new IOException("this build carries no files of the shipped model " + shipped.get().name() + "; pass --model DIR");
            return shipped.get().directory();
        }
        if (model == null) throw new IOException("this build carries no embedded model; pass --model DIR");
        if (!Files.exists(model) && !model.toString().contains("/")) {
            throw new IOException("no model folder " + model + ", and no shipped model of that name (shipped: " + ShippedModels.names() + ")");
        }
        return model;
    }

    /** The shipped model chosen: the default when no --model is given, else one named like --model unless a folder of that name exists. */
    private Optional<ShippedModels.Model> shipped() {
        if (model == null) return ShippedModels.byName(RunInfo.EMBEDDED);
        if (Files.exists(model) || model.getNameCount() != 1) return Optional.empty();
        return ShippedModels.byName(model.toString());
    }

    /** The embedded model's folder, or null when this build carries none. */
    static Path embeddedDirectory() {
        if (!EmbeddedModel.available()) return null;
        try {
            return EmbeddedModel.directory();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
