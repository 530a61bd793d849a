package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.io.Npz;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.tokenizer.HfTokenizer;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import io.loopscope.inference.train.CharVocab;
import io.loopscope.ui.vm.LensCurves;
import io.loopscope.ui.vm.TokenStripViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    void figuresOfATracedRunDrawEachChosenTokensLens(@TempDir Path dir) throws Exception {
        Path traced = dir.resolve("t.npz");
        CliRun t = run("trace", "--model", Fixtures.huginnTiny().resolve("f32").toString(), "--ids", "127,208,299,131", "--iterations", "12",
                "--top-k", "3", "--quiet", "--out", traced.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path figs = dir.resolve("figs");
        CliRun r = run("analyze", "--trace", traced.toString(), "--figures", figs.toString(), "--format", "svg", "--tokens", "1,3");
        assertEquals(0, r.exitCode(), r.err());
        // H = 64: three planes, their paper layout, heatmap, metrics, and a lens per chosen token
        assertTrue(r.out().contains("wrote 8 figure files"), r.out());
        assertTrue(r.out().contains("note: the lens figures of t.npz label guesses #id: the model folder " + Fixtures.huginnTiny().resolve("f32")
                + " has no tokenizer.json"), "the fixture has no vocabulary, and analyze says so: " + r.out());
        IntTensor top = TraceFile.read(traced).lensTopkIds();
        for (int token : new int[] {1, 3}) {
            String svg = Files.readString(figs.resolve("lens-token-" + token + ".svg"));
            assertTrue(svg.contains("lens probability"), "token " + token + " has its lens drawn");
            assertTrue(svg.contains("Logit lens of [" + token + "]"), "token " + token);
            Set<Integer> guesses = new LinkedHashSet<>();
            for (int s = 0; s <= 12 && guesses.size() < LensCurves.MAX_CURVES; s++) guesses.add(top.get(s, token, 0));
            for (int id : guesses) assertTrue(svg.contains("&apos;#" + id + "&apos;"), "token " + token + ": a curve for its top guess #" + id);
        }

        // the same trace without the lens's probabilities: the other figures, no lens, no failure
        Npz.Contents npz = Npz.read(traced);
        Map<String, INDArray> arrays = new LinkedHashMap<>(npz.arrays());
        arrays.remove("lens_topk_probs");
        Path idsOnly = dir.resolve("ids-only.npz");
        Npz.write(idsOnly, arrays, npz.texts());
        Path plain = dir.resolve("plain");
        CliRun old = run("analyze", "--trace", idsOnly.toString(), "--figures", plain.toString(), "--format", "svg", "--tokens", "1,3");
        assertEquals(0, old.exitCode(), old.err());
        assertTrue(old.out().contains("note: lens_topk_probs missing: the lens figures have no probabilities to draw"), old.out());
        assertTrue(old.out().contains("wrote 6 figure files"), old.out());
        assertTrue(Files.exists(plain.resolve("metrics.svg")) && Files.exists(plain.resolve("trajectories-paper.svg")));
        assertFalse(Files.exists(plain.resolve("lens-token-1.svg")));
    }

    /** The fixture's weights with a tokenizer.json: 298 letters after [PAD] and [UNK], one per id of its 300. */
    static Path fixtureWithTokenizer(Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("tiny-with-tokenizer"));
        for (String f : new String[] {"config.json", "model.safetensors"}) Files.copy(Fixtures.huginnTiny().resolve("f32").resolve(f), model.resolve(f));
        StringBuilder letters = new StringBuilder();
        for (char c = '\u0100'; letters.length() < 298; c++) letters.append(c);
        Files.writeString(model.resolve("tokenizer.json"), new CharVocab(letters.toString()).tokenizerJson());
        return model;
    }

    /** Each lens figure has a curve for every top guess, labelled as the model's tokenizer spells it, and none as #id. */
    static void assertLegendsSpelled(Path figs, Path traced, Path model, int... tokens) throws Exception {
        Trace trace = TraceFile.read(traced);
        IntTensor top = trace.lensTopkIds();
        Set<Long> prompt = new HashSet<>();
        for (long id : trace.ids()) prompt.add(id);
        int beyondThePrompt = 0; // the trace spells its prompt itself; only these need the tokenizer
        try (HfTokenizer tokenizer = HfTokenizer.load(model.resolve("tokenizer.json"))) {
            for (int token : tokens) {
                String svg = Files.readString(figs.resolve("lens-token-" + token + ".svg"));
                Set<Integer> guesses = new LinkedHashSet<>();
                for (int s = 0; s < top.shape()[0] && guesses.size() < LensCurves.MAX_CURVES; s++) guesses.add(top.get(s, token, 0));
                for (int id : guesses) {
                    String spelled = "&apos;" + TokenStripViewModel.display(tokenizer.tokenString(id)) + "&apos;";
                    assertTrue(svg.contains(spelled), "token " + token + ": its guess " + id + " reads " + spelled);
                    if (!prompt.contains((long) id)) beyondThePrompt++;
                }
                assertFalse(Pattern.compile("&apos;#\\d+&apos;").matcher(svg).find(), "token " + token + ": no guess left as #id");
            }
        }
        assertTrue(beyondThePrompt > 0, "some guesses are not prompt tokens");
    }

    @Test
    void lensGuessesAreSpelledByTheTokenizerOfTheTracedModel(@TempDir Path dir) throws Exception {
        Path model = fixtureWithTokenizer(dir);
        Path traced = dir.resolve("t.npz");
        CliRun t = run("trace", "--model", model.toString(), "--ids", "127,208,299,131", "--iterations", "12", "--top-k", "3", "--quiet",
                "--out", traced.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path figs = dir.resolve("figs");
        CliRun r = run("analyze", "--trace", traced.toString(), "--figures", figs.toString(), "--format", "svg", "--tokens", "1,3");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("#id"), "a vocabulary was found, so no note: " + r.out());
        assertLegendsSpelled(figs, traced, model, 1, 3);

        // the model moved: its recorded folder is gone, --model names where it is now
        Path moved = Files.move(model, dir.resolve("moved"));
        Path again = dir.resolve("again");
        CliRun m = run("analyze", "--trace", traced.toString(), "--model", moved.toString(), "--figures", again.toString(), "--format", "svg",
                "--tokens", "1,3");
        assertEquals(0, m.exitCode(), m.err());
        assertLegendsSpelled(again, traced, moved, 1, 3);
    }

    @Test
    void aTraceWhoseModelIsGoneKeepsIdsAndSaysWhy(@TempDir Path dir) throws Exception {
        Path model = fixtureWithTokenizer(dir);
        Path traced = dir.resolve("t.npz");
        assertEquals(0, run("trace", "--model", model.toString(), "--ids", "127,208,299,131", "--iterations", "12", "--quiet",
                "--out", traced.toString()).exitCode());
        Files.move(model, dir.resolve("elsewhere"));
        Path figs = dir.resolve("figs");
        CliRun r = run("analyze", "--trace", traced.toString(), "--figures", figs.toString(), "--format", "svg", "--tokens", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("note: the lens figures of t.npz label guesses #id: its model folder " + model.toAbsolutePath().normalize()
                + " is not on this machine"), r.out());
        assertEquals(1, r.out().split("label guesses #id", -1).length - 1, "one note: " + r.out());
        String svg = Files.readString(figs.resolve("lens-token-2.svg"));
        int guess = TraceFile.read(traced).lensTopkIds().get(0, 2, 0);
        assertTrue(svg.contains("&apos;#" + guess + "&apos;"), "its first guess as #" + guess);

        CliRun wrong = run("analyze", "--trace", traced.toString(), "--model", dir.resolve("nowhere").toString(), "--figures", figs.toString());
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.err().contains("is not a model folder"), wrong.err());
    }

    @Test
    void aRunOfTheModelSpellsItsLensWithItsTokenizer(@TempDir Path dir) throws Exception {
        Path model = fixtureWithTokenizer(dir);
        Path figs = dir.resolve("figs");
        CliRun r = run("analyze", "--model", model.toString(), "--prompt", "\u0105\u0150\u0180\u0107", "--iterations", "12",
                "--figures", figs.toString(), "--format", "svg", "--tokens", "1,3");
        assertEquals(0, r.exitCode(), r.err());
        Path traced = dir.resolve("same.npz");
        assertEquals(0, run("trace", "--model", model.toString(), "--prompt", "\u0105\u0150\u0180\u0107", "--iterations", "12", "--seed", "0",
                "--quiet", "--out", traced.toString()).exitCode());
        assertLegendsSpelled(figs, traced, model, 1, 3);
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
