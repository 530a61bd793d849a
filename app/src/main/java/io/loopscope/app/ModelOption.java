package io.loopscope.app;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.checkpoint.CheckpointException;
import io.loopscope.inference.trace.RunInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --model option shared by every command that runs a model. */
public final class ModelOption {
    @Option(names = {"-m", "--model"}, paramLabel = "DIR",
            description = "A Huginn-format model folder (config.json + *.safetensors [+ tokenizer.json]); default: the embedded model.")
    Path model;

    /**
     * Opens the chosen model, printing the loader's warnings to err. The embedded model is named
     * "embedded", as the workbench names it, so a trace of it says so on any machine (its extracted
     * folder exists only on the one that made it).
     */
    ModelHandle open(PrintWriter err) throws CheckpointException, IOException {
        ModelHandle handle = ModelHandle.open(directory());
        for (String w : handle.warnings()) err.println("warning: " + w);
        return model == null ? handle.named(RunInfo.EMBEDDED) : handle;
    }

    Path directory() throws IOException {
        if (model != null) return model;
        if (!EmbeddedModel.available()) throw new IOException("this build carries no embedded model; pass --model DIR");
        return EmbeddedModel.directory();
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
