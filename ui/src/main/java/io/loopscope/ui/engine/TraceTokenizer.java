package io.loopscope.ui.engine;

import io.loopscope.inference.tokenizer.Tokenizer;
import io.loopscope.inference.tokenizer.Tokenizers;
import io.loopscope.inference.trace.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The tokenizer of the model that recorded a trace. A trace file keeps token ids but no vocabulary,
 * so the lens's guesses that are not prompt tokens can only be spelled by the model's own
 * tokenizer.json, found from what the trace's meta.json says about its model.
 *
 * @param tokenizer the model's tokenizer, or null when none was found
 * @param missing   why there is none (said beside the "#id" labels), or null when there is one
 */
public record TraceTokenizer(Tokenizer tokenizer, String missing) implements AutoCloseable {

    public TraceTokenizer {
        if ((tokenizer == null) == (missing == null)) throw new IllegalArgumentException("a tokenizer, or why there is none — exactly one");
    }

    /**
     * The tokenizer of the model info names: the folder it was recorded from when that is on this
     * machine (exactly the model that ran), else the embedded model when it names that one (a trace
     * from another machine). embedded gives the embedded model's folder, or null when this build has
     * none; info is null for a trace without meta.json.
     */
    public static TraceTokenizer of(RunInfo info, Supplier<Path> embedded) {
        if (info == null) return missing("the trace has no meta.json to name its model");
        Path recorded = folder(info.modelPath());
        if (recorded != null) return ofModel(recorded);
        if (RunInfo.EMBEDDED.equals(info.model())) {
            Path dir;
            try {
                dir = embedded.get();
            } catch (RuntimeException e) {
                return missing("it names the embedded model, which could not be opened: " + e.getMessage());
            }
            return dir == null ? missing("it names the embedded model, which this build does not carry") : ofModel(dir);
        }
        if (info.modelPath() != null) return missing("its model folder " + info.modelPath() + " is not on this machine");
        return missing("its meta.json names no model folder (model '" + info.model() + "')");
    }

    /** The tokenizer.json of a model folder; a model without one (tiny test models) has only ids to show. */
    public static TraceTokenizer ofModel(Path dir) {
        if (!Files.isDirectory(dir)) return missing("the model folder " + dir + " does not exist");
        try {
            return Tokenizers.forModel(dir).map(t -> new TraceTokenizer(t, null))
                    .orElseGet(() -> missing("the model folder " + dir + " has no " + Tokenizers.TOKENIZER_FILE));
        } catch (IOException e) {
            return missing(e.getMessage());
        }
    }

    public static TraceTokenizer missing(String why) {
        return new TraceTokenizer(null, why);
    }

    /** id → the tokenizer's string; without a tokenizer null for every id, which reads "#id". */
    public LongFunction<String> spelling() {
        return tokenizer == null ? LoadedRuns.UNSPELLED : tokenizer::tokenString;
    }

    @Override
    public void close() {
        if (tokenizer != null) tokenizer.close();
    }

    /** The recorded folder when it exists here; meta.json is anyone's text, so a path it cannot hold is no folder. */
    private static Path folder(String path) {
        if (path == null) return null;
        try {
            Path p = Path.of(path);
            return Files.isDirectory(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
