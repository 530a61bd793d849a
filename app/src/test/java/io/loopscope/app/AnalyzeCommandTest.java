package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.io.Npz;
import io.loopscope.inference.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import io.loopscope.inference.testing.RequiresFixtures;

/** The analyze command as a user runs it: real NPZ files, JSON output, several traces, bad input, a model run. */
class AnalyzeCommandTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
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
        CliRun r = run("analyze", "--trace", trace(dir.resolve("a.npz"), 24, "easy").toString(), "--json", json.toString());
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
        CliRun r = run("analyze", "--trace", trace(dir.resolve("a.npz"), 16, "easy").toString(), trace(dir.resolve("b.npz"), 16, "easy").toString(),
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
        CliRun notNpz = run("analyze", "--trace", text.toString());
        assertEquals(1, notNpz.exitCode());
        assertTrue(notNpz.err().contains("is not an NPZ file"), notNpz.err());
        assertFalse(notNpz.err().contains("\tat "), "no stack trace");

        Path noStates = dir.resolve("n.npz");
        Npz.write(noStates, Map.of("ids", Nd4j.createFromArray(new long[] {1, 2})), Map.of());
        CliRun missing = run("analyze", "--trace", noStates.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("has no 'states' array (found: ids)"), missing.err());

        CliRun neither = run("analyze");
        assertEquals(1, neither.exitCode());
        assertTrue(neither.err().contains("give --trace FILE.npz … or --prompt/--ids"), neither.err());

        CliRun both = run("analyze", "--trace", noStates.toString(), "--ids", "1,2");
        assertEquals(1, both.exitCode());
        assertTrue(both.err().contains("either --trace files or --prompt/--ids, not both"), both.err());

        CliRun space = run("analyze", "--trace", trace(dir.resolve("a.npz"), 8, null).toString(), "--space", "normalized");
        assertEquals(1, space.exitCode());
        assertTrue(space.err().contains("a.npz has no ln_f_weight, so states cannot be normalized; use --space raw"), space.err());
    }

    @RequiresFixtures
    @Test
    void runsTheModelWhenGivenIds(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("m.json");
        CliRun r = run("analyze", "--model", Fixtures.huginnTiny().resolve("f32").toString(), "--ids", "127,208,299,131",
                "--iterations", "12", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("4 tokens × 12 iterations, H = 64, normalized space"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(4, doc.get("tokens").size());
        assertTrue(doc.get("tokens").get(0).get("exit_steps").has("kl"), "a fresh run has the lens, so kl is computed");
        assertTrue(doc.get("unavailable").has("minp-kl") || doc.get("tokens").get(0).get("exit_steps").has("minp-kl"));
    }

    /** A states-only NPZ with ids: token 0 contracts from a seed-dependent s0 to (1, 2, 3, 0); token 1 settles on a seed-dependent point. */
    static Path seeded(Path file, int r, int seed, long... ids) throws Exception {
        float[][][] states = new float[r + 1][2][4];
        for (int i = 0; i <= r; i++) {
            float f = (float) Math.pow(0.6, i);
            states[i][0] = new float[] {1 + f * (seed + 2), 2 - f * seed, 3 + f, f};
            states[i][1] = new float[] {5 + seed + f, 1, 1 - f, 2};
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("states", Nd4j.createFromArray(states));
        arrays.put("ids", Nd4j.createFromArray(ids));
        Npz.write(file, arrays, Map.of());
        return file;
    }

    static Path states(Path file, float[][][] states) throws Exception {
        Npz.write(file, Map.of("states", Nd4j.createFromArray(states)), Map.of());
        return file;
    }

    @Test
    void referenceRunGivesSStar(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path ref = seeded(dir.resolve("ref.npz"), 48, 0, 7, 8);
        CliRun r = run("analyze", "--trace", seeded(dir.resolve("a.npz"), 6, 0, 7, 8).toString(), "--reference", ref.toString(), "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("s* = the final states of the reference run ref.npz"), r.out());
        double expected = Math.sqrt(4 + 0 + 1 + 1) * Math.pow(0.6, 6); // token 0 at step 6 vs its limit (1, 2, 3, 0)
        JsonNode t0 = new ObjectMapper().readTree(json.toFile()).get("tokens").get(0);
        assertEquals(expected, t0.get("final_distance").asDouble(), 1e-5);
        assertEquals(7, t0.get("distance_to_reference").size(), "one distance per step 0..R");
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "distance to s*: %.4g at the last step", expected)), r.out());

        CliRun other = run("analyze", "--trace", seeded(dir.resolve("b.npz"), 6, 0, 7, 9).toString(), "--reference", ref.toString());
        assertEquals(1, other.exitCode());
        assertTrue(other.err().contains("reference run ref.npz is a different prompt: its token ids differ from b.npz's at token 1 (8 vs 9)"), other.err());

        CliRun shorter = run("analyze", "--trace", seeded(dir.resolve("c.npz"), 48, 1, 7, 8).toString(), "--reference", seeded(dir.resolve("s.npz"), 8, 0, 7, 8).toString());
        assertEquals(0, shorter.exitCode(), shorter.err());
        assertTrue(shorter.out().contains("note: reference run s.npz has R = 8, not more than c.npz's R = 48: s* is not from a longer run"), shorter.out());

        CliRun shape = run("analyze", "--trace", trace(dir.resolve("d.npz"), 8, null).toString(), "--reference", states(dir.resolve("e.npz"), new float[9][3][4]).toString());
        assertEquals(1, shape.exitCode());
        assertTrue(shape.err().contains("reference run e.npz has 3 tokens × H 4, d.npz has 2 × 4: not the same prompt and model"), shape.err());
    }

    @Test
    void pathIndependenceAcrossSeedsGroupedByPrompt(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("p.json");
        CliRun r = run("analyze", "--trace", seeded(dir.resolve("s0.npz"), 40, 0, 1, 2).toString(), seeded(dir.resolve("s1.npz"), 40, 1, 1, 2).toString(),
                seeded(dir.resolve("s2.npz"), 32, 2, 1, 2).toString(), seeded(dir.resolve("other.npz"), 40, 0, 3, 4).toString(),
                trace(dir.resolve("noids.npz"), 16, null).toString(), "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("path independence of 3 runs of ids [1, 2] (s0.npz, s1.npz, s2.npz; raw space, tolerance 5.0% of the state norm):"), r.out());
        assertTrue(r.out().contains("[0] '#0'         same attractor: late states"), r.out());
        assertTrue(r.out().contains("[1] '#1'         DIFFERENT attractors: late states 2.00 apart as sets"), r.out());
        assertTrue(r.out().contains("1 of 2 tokens reach the same attractor from every s0"), r.out());
        assertTrue(r.out().contains("note: runs differ in R (40, 40, 32)"), r.out());
        assertTrue(r.out().contains("not grouped (no ids recorded): noids.npz"), r.out());

        JsonNode paths = new ObjectMapper().readTree(json.toFile()).get("path_independence");
        assertEquals(1, paths.size(), "other.npz has no second run of its prompt");
        JsonNode group = paths.get(0);
        assertEquals(3, group.get("traces").size());
        assertEquals(1, group.get("same_attractor").asInt());
        JsonNode t0 = group.get("tokens").get(0), t1 = group.get("tokens").get(1);
        assertTrue(t0.get("same_attractor").asBoolean());
        assertTrue(t0.get("initial_spread").asDouble() > 1, "different s0");
        assertTrue(t0.get("final_spread").asDouble() < 1e-5, t0.toString());
        assertFalse(t1.get("same_attractor").asBoolean());
        assertEquals(2.0, t1.get("set_distance").asDouble(), 1e-4, "seeds 0 and 2 settle 2 apart");
    }

    @Test
    void sameSeedIsFlagged(@TempDir Path dir) throws Exception {
        CliRun r = run("analyze", "--trace", seeded(dir.resolve("a.npz"), 20, 1, 1, 2).toString(), seeded(dir.resolve("b.npz"), 20, 1, 1, 2).toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("every run starts from the same s0 (same seed or init?), so agreement says nothing about path independence"), r.out());
    }

    @Test
    void everyBadInputOfTheIssueHasAClearMessage(@TempDir Path dir) throws Exception {
        Npz.write(dir.resolve("rank.npz"), Map.of("states", Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}})), Map.of());
        CliRun rank = run("analyze", "--trace", dir.resolve("rank.npz").toString());
        assertEquals(1, rank.exitCode());
        assertTrue(rank.err().contains("rank.npz: 'states' must have shape [R+1, S, H] or [R+1, 1, S, H], got [2, 2] (rank 2)"), rank.err());

        float[][][] s = new float[17][2][4];
        for (int i = 0; i <= 16; i++) {
            s[i][0] = new float[] {1 + (float) Math.pow(0.5, i), 2, 3, 0};
            s[i][1] = new float[] {0.3f * i, 1, 1, 1};
        }
        s[5][1][2] = Float.NaN;
        s[9][1][0] = Float.POSITIVE_INFINITY;
        CliRun nan = run("analyze", "--trace", states(dir.resolve("nan.npz"), s).toString());
        assertEquals(0, nan.exitCode(), nan.err());
        assertTrue(nan.out().contains("note: token 1 (#1) has NaN/Inf states at steps 5, 9; those states are left out"), nan.out());
        assertTrue(nan.out().contains("[0] '#0'         fixed-point"), "the finite token is analysed: " + nan.out());

        CliRun r0 = run("analyze", "--trace", states(dir.resolve("r0.npz"), new float[][][] {{{1, 2}, {3, 4}}}).toString());
        assertEquals(0, r0.exitCode(), r0.err());
        assertTrue(r0.out().contains("note: R = 0: only s0 was recorded, nothing to classify or exit from"), r0.out());
        assertTrue(r0.out().contains("other: nothing to classify: R = 0, only s0 was recorded"), r0.out());

        float[][][] one = new float[13][1][3];
        for (int i = 0; i <= 12; i++) one[i][0] = new float[] {2 + (float) Math.pow(0.5, i), 1, 0};
        CliRun single = run("analyze", "--trace", states(dir.resolve("one.npz"), one).toString());
        assertEquals(0, single.exitCode(), single.err());
        assertTrue(single.out().contains("note: a single token: distributions over tokens have one entry"), single.out());
        assertTrue(single.out().contains("[0] '#0'         fixed-point"), single.out());

        float[][][] scalar = new float[21][2][1];
        for (int i = 0; i <= 20; i++) {
            scalar[i][0][0] = 3 + (float) Math.pow(0.6, i);
            scalar[i][1][0] = -1 - (float) Math.pow(0.7, i);
        }
        CliRun h1 = run("analyze", "--trace", states(dir.resolve("h1.npz"), scalar).toString());
        assertEquals(0, h1.exitCode(), h1.err());
        assertTrue(h1.out().contains("note: H = 1: states are scalars; orbits can only be period-2 flips and PCA has one component"), h1.out());
        assertTrue(h1.out().contains("PCA (exact, 42 states): explained variance 100.0%"), h1.out());
    }

    @Test
    void writesTokenAndProjectionTables(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("tokens.csv"), proj = dir.resolve("proj.csv");
        CliRun r = run("analyze", "--trace", trace(dir.resolve("a.npz"), 12, "easy").toString(), "--csv", csv.toString(), "--projections", proj.toString(),
                "--components", "3");
        assertEquals(0, r.exitCode(), r.err());
        java.util.List<String> tokens = Files.readAllLines(csv), rows = Files.readAllLines(proj);
        assertTrue(tokens.getFirst().startsWith("trace,token_index,token,motif,contraction_ratio,"), tokens.getFirst());
        assertEquals(3, tokens.size());
        assertTrue(tokens.get(1).startsWith("a.npz,0,The,fixed-point,"), tokens.get(1));
        assertTrue(tokens.get(2).startsWith("a.npz,1,\" cat\",slider,"), tokens.get(2));
        assertEquals("trace,token_index,token,step,pc1,pc2,pc3", rows.getFirst());
        assertEquals(1 + 2 * 13, rows.size(), "one row per state");

        Path underFile = Files.writeString(dir.resolve("f"), "").resolve("x.csv");
        CliRun bad = run("analyze", "--trace", dir.resolve("a.npz").toString(), "--csv", underFile.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("cannot write " + underFile), bad.err());
        assertFalse(Files.exists(underFile));
    }
}
