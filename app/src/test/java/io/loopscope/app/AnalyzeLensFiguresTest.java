package io.loopscope.app;

import static io.loopscope.app.AnalyzeCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.io.Npz;
import io.loopscope.inference.testing.Fixtures;
import io.loopscope.inference.tokenizer.HfTokenizer;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import io.loopscope.inference.train.CharVocab;
import io.loopscope.ui.chart.LensCurves;
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
import io.loopscope.inference.testing.RequiresFixtures;

/** The analyze command as a user runs it: real NPZ files, JSON output, several traces, bad input, a model run. */
/** analyze --figures: each chosen token's logit lens, its guesses spelled by the traced model's tokenizer. */
@RequiresFixtures
class AnalyzeLensFiguresTest {
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
        assertTrue(r.out().contains("wrote 10 figure files"), r.out()); // with each token's logit lens beside its coda lens
        assertTrue(r.out().contains("note: the lens figures of t.npz label guesses #id: the model folder " + Fixtures.huginnTiny().resolve("f32")
                + " has no tokenizer.json"), "the fixture has no vocabulary, and analyze says so: " + r.out());
        IntTensor top = TraceFile.read(traced).lensTopkIds();
        for (int token : new int[] {1, 3}) {
            String svg = Files.readString(figs.resolve("lens-token-" + token + ".svg"));
            assertTrue(svg.contains("lens probability"), "token " + token + " has its lens drawn");
            assertTrue(svg.contains("Coda lens of [" + token + "]"), "token " + token);
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
        assertTrue(old.out().contains("wrote 8 figure files"), old.out());
        assertTrue(Files.exists(plain.resolve("metrics.svg")) && Files.exists(plain.resolve("trajectories-paper.svg")));
        assertFalse(Files.exists(plain.resolve("lens-token-1.svg")));
        assertTrue(Files.exists(plain.resolve("logit-lens-token-1.svg")), "the logit lens kept its probabilities, so it is still drawn");
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
}
