package io.loopscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loopscope.inference.io.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** analyze reads a session's runs as traces, and checks its session.json as the workbench does. */
class SessionFormatTest {

    private static String refused(Path dir, String sessionJson) throws IOException {
        Path file = dir.resolve("s.npz");
        Npz.write(file, Map.of("states", Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 2, 4)), Map.of("session.json", sessionJson));
        return assertThrows(IOException.class, () -> TraceLoader.load(file)).getMessage();
    }

    @Test
    void unknownVersionsFormatsAndBrokenJsonAreNamed(@TempDir Path dir) throws Exception {
        assertEquals("s.npz was saved by a newer LoopScope (unknown version, session format 99); this version reads formats up to 1."
                + " Update LoopScope to open it.", refused(dir, "{\"format\": \"loopscope-session\", \"version\": 99}"));
        assertEquals("s.npz has an unknown session format version 0", refused(dir, "{\"format\": \"loopscope-session\", \"version\": 0}"));
        assertEquals("s.npz has no readable format version", refused(dir, "{\"format\": \"loopscope-session\", \"version\": \"abc\"}"));
        assertEquals("s.npz has a session.json that is not valid JSON", refused(dir, "not json {"));
        assertEquals("s.npz is not a LoopScope session (format 'other')", refused(dir, "{\"format\": \"other\", \"version\": 1}"));
    }

    @Test
    void aCurrentSessionLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ok.npz");
        Npz.write(file, Map.of("states", Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 2, 4)),
                Map.of("session.json", "{\"format\": \"loopscope-session\", \"version\": 1}"));
        assertEquals(2, TraceLoader.load(file).tokens());
    }
}
