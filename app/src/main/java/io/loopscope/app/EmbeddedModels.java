package io.loopscope.app;

import java.io.IOException;
import java.nio.file.Path;

/** Where the embedded default model is found. */
final class EmbeddedModels {
    private EmbeddedModels() {
    }

    static Path directory() throws IOException {
        throw new IOException("no embedded model is bundled in this build yet; pass --model DIR");
    }
}
