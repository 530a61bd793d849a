package io.loopscope.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.train.CharVocab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tokenizer spells a loaded trace's lens, by what its meta.json says about the model, and why none when none. */
class TraceTokenizerTest {
    @TempDir
    Path dir;

    /** A model folder whose tokenizer spells ids 2, 3, 4 as x, y, z. */
    private Path model(String name) throws Exception {
        Path m = Files.createDirectories(dir.resolve(name));
        Files.writeString(m.resolve("tokenizer.json"), new CharVocab("xyz").tokenizerJson());
        return m;
    }

    private static RunInfo info(String model, Path modelPath) {
        return new RunInfo(model, modelPath == null ? null : modelPath.toString(), Map.of(), 4, "random", null, 0L, 5, null, 1e-6,
                Map.of(), Map.of(), Map.of(), null, "test");
    }

    /** How the tokenizer found spells id 3, or why there is none. */
    private static String spell(RunInfo info, Supplier<Path> embedded) {
        try (TraceTokenizer t = TraceTokenizer.of(info, embedded)) {
            return t.missing() != null ? "none: " + t.missing() : t.spelling().apply(3);
        }
    }

    @Test
    void theRecordedFolderWhenItIsHereElseTheEmbeddedModelWhenNamed() throws Exception {
        Path recorded = model("recorded");
        Path embedded = model("embedded");
        Files.writeString(embedded.resolve("tokenizer.json"), new CharVocab("abc").tokenizerJson());
        assertEquals("y", spell(info("recorded", recorded), () -> embedded), "the exact model that ran");
        assertEquals("y", spell(info(RunInfo.EMBEDDED, recorded), () -> embedded), "its extracted copy is here: that one");
        assertEquals("b", spell(info(RunInfo.EMBEDDED, dir.resolve("other-machine/embedded-0123")), () -> embedded),
                "a trace from elsewhere that names the embedded model");
        assertEquals("b", spell(info(RunInfo.EMBEDDED, null), () -> embedded));
    }

    @Test
    void saysWhyWhenNoVocabularyCanBeFound() throws Exception {
        Path gone = dir.resolve("gone");
        assertEquals("none: its model folder " + gone + " is not on this machine", spell(info("gone", gone), () -> null));
        assertEquals("none: it names the embedded model, which this build does not carry", spell(info(RunInfo.EMBEDDED, gone), () -> null));
        assertEquals("none: it names the embedded model, which could not be opened: disk full",
                spell(info(RunInfo.EMBEDDED, null), () -> { throw new UncheckedIOException("disk full", new IOException("disk full")); }));
        assertEquals("none: its meta.json names no model folder (model 'other-tool.npz')", spell(info("other-tool.npz", null), () -> null));
        assertEquals("none: the trace has no meta.json to name its model", spell(null, () -> null));
        Path bare = Files.createDirectories(dir.resolve("bare"));
        assertEquals("none: the model folder " + bare + " has no tokenizer.json", spell(info("bare", bare), () -> null));
    }

    @Test
    void withoutATokenizerNoIdIsSpelled() {
        try (TraceTokenizer none = TraceTokenizer.ofModel(dir.resolve("nowhere"))) {
            assertEquals("the model folder " + dir.resolve("nowhere") + " does not exist", none.missing());
            assertNull(none.spelling().apply(3), "left to read #3");
        }
    }
}
