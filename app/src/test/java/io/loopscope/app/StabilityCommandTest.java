package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze --stability on the embedded model, from a run and from a trace that names it. */
class StabilityCommandTest {

    @Test
    void eachTokenGetsItsSpectralRadiusInTextAndJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("s.json");
        CliRun r = CliRun.of("analyze", "--prompt", "copy qwer=", "-r", "32", "--seed", "0", "--stability", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("stability at the last state: ρ ") && r.out().contains("contracting"), r.out());
        JsonNode tokens = new ObjectMapper().readTree(json.toFile()).path("tokens");
        assertEquals(10, tokens.size());
        for (JsonNode t : tokens) {
            double rho = t.path("stability").path("spectral_radius").asDouble(Double.NaN);
            if (t.path("motif").asText().equals("fixed-point")) assertTrue(rho < 1, t.toString());
        }
    }

    @Test
    void aTraceOfTheEmbeddedModelFindsItsModelAndOthersMustNameIt(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.npz");
        assertEquals(0, CliRun.of("trace", "--prompt", "4+7=", "-r", "8", "--quiet", "-o", trace.toString()).exitCode());
        CliRun ok = CliRun.of("analyze", "--trace", trace.toString(), "--stability");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("stability at the last state: ρ "), ok.out());
        Path synthetic = AnalyzeCommandTest.trace(dir.resolve("syn.npz"), 12, "x");
        CliRun refused = CliRun.of("analyze", "--trace", synthetic.toString(), "--stability");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("--stability needs the model the traces were recorded with: pass --model DIR"), refused.err());
    }
}
