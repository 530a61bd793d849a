package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.io.Npz;
import io.loopscope.inference.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/** The analyze command as a user runs it: real NPZ files, JSON output, several traces, bad input, a model run. */
class AnalyzeCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Token 0 contracts by 0.5 per step towards (1, 2, 3, 0); token 1 drifts 0.3 per step along the first axis. */
    static Path trace(Path file, int r, String label) throws Exception {
        float[][][] states = new float[r + 1][2][4];
        for (int i = 0; i <= r; i++) {
            float f = (float) Math.pow(0.5, i);
            states[i][0] = new float[] {1 + f, 2 - f, 3, 0};
            states[i][1] = new float[] {0.3f * i, 1, 1, 1};
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("states", Nd4j.createFromArray(states));
        Map<String, String> texts = new LinkedHashMap<>();
        if (label != null) {
            texts.put("meta.json", "{\"model\": \"synthetic\", \"init\": \"zeros\", \"iterations\": " + r
                    + ", \"tokens\": [\"The\", \" cat\"], \"label\": \"" + label + "\"}");
        }
        Npz.write(file, arrays, texts);
        return file;
    }

    @Test
    void summarisesOneTraceAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out.json");
        Run r = run("analyze", "--trace", trace(dir.resolve("a.npz"), 24, "easy").toString(), "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("a.npz: 2 tokens × 24 iterations, H = 4, raw space, label easy"), r.out());
        assertTrue(r.out().contains("[0] 'The'        fixed-point: contracts 0.50× per step, settled by step"), r.out());
        assertTrue(r.out().contains("[1] ' cat'       slider: drifts 0.300 per step"), r.out());
        assertTrue(r.out().contains("not computed: kl (needs lens_kl)"), r.out());
        assertTrue(r.out().contains("PCA (exact, 50 states): explained variance"), r.out());

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        JsonNode t0 = doc.get("tokens").get(0);
        assertEquals(0, t0.get("index").asInt());
        assertEquals("The", t0.get("token").asText());
        assertEquals("fixed-point", t0.get("motif").asText());
        assertEquals(0.5, t0.get("evidence").get("contraction_ratio").asDouble(), 1e-3);
        assertTrue(t0.get("exit_steps").get("latent-diff").isInt());
        assertTrue(t0.get("exit_steps").get("kl").isNull(), "kl is unavailable without lens_kl");
        assertEquals("slider", doc.get("tokens").get(1).get("motif").asText());
        JsonNode ev = doc.get("pca").get("explained_variance");
        assertTrue(ev.isArray() && ev.size() == 4 && ev.get(0).asDouble() > ev.get(1).asDouble(), ev.toString());
        assertEquals("needs lens_kl", doc.get("unavailable").get("kl").asText());
    }

    @Test
    void groupsSeveralTracesByLabel(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("all.json");
        Run r = run("analyze", "--trace", trace(dir.resolve("a.npz"), 16, "easy").toString(), trace(dir.resolve("b.npz"), 16, "easy").toString(),
                trace(dir.resolve("c.npz"), 16, "hard").toString(), "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("exit steps by label"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, doc.get("traces").size());
        assertEquals(4, doc.get("exit_distributions_by_label").get("easy").get("latent-diff").get("tokens").asInt());
        assertEquals(2, doc.get("exit_distributions_by_label").get("hard").get("none").get("tokens").asInt());
    }

    @Test
    void badInputGivesOneClearLine(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("x.npz"), "not a zip");
        Run notNpz = run("analyze", "--trace", text.toString());
        assertEquals(1, notNpz.exitCode());
        assertTrue(notNpz.err().contains("is not an NPZ file"), notNpz.err());
        assertFalse(notNpz.err().contains("\tat "), "no stack trace");

        Path noStates = dir.resolve("n.npz");
        Npz.write(noStates, Map.of("ids", Nd4j.createFromArray(new long[] {1, 2})), Map.of());
        Run missing = run("analyze", "--trace", noStates.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("has no 'states' array (found: ids)"), missing.err());

        Run neither = run("analyze");
        assertEquals(1, neither.exitCode());
        assertTrue(neither.err().contains("give --trace FILE.npz … or --prompt/--ids"), neither.err());

        Run both = run("analyze", "--trace", noStates.toString(), "--ids", "1,2");
        assertEquals(1, both.exitCode());
        assertTrue(both.err().contains("either --trace files or --prompt/--ids, not both"), both.err());

        Run space = run("analyze", "--trace", trace(dir.resolve("a.npz"), 8, null).toString(), "--space", "normalized");
        assertEquals(1, space.exitCode());
        assertTrue(space.err().contains("a.npz has no ln_f_weight, so states cannot be normalized; use --space raw"), space.err());
    }

    @Test
    void runsTheModelWhenGivenIds(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("m.json");
        Run r = run("analyze", "--model", Fixtures.huginnTiny().resolve("f32").toString(), "--ids", "127,208,299,131",
                "--iterations", "12", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("4 tokens × 12 iterations, H = 64, normalized space"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(4, doc.get("tokens").size());
        assertTrue(doc.get("tokens").get(0).get("exit_steps").has("kl"), "a fresh run has the lens, so kl is computed");
        assertTrue(doc.get("unavailable").has("minp-kl") || doc.get("tokens").get(0).get("exit_steps").has("minp-kl"));
    }
}
