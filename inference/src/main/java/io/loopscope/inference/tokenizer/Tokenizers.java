package io.loopscope.inference.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the tokenizer that ships with a model folder. */
public final class Tokenizers {
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private Tokenizers() {
    }

    /**
     * The folder's tokenizer.json, loaded; empty when there is none (tiny test models have none — then
     * prompts are given as token ids). A tokenizer.json that exists but cannot be loaded is an error.
     */
    public static Optional<Tokenizer> forModel(Path modelDir) throws IOException {
        Path file = modelDir.resolve(TOKENIZER_FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        return Optional.of(HfTokenizer.load(file));
    }
}
