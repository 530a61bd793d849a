package io.loopscope.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.analysis.probe.ProbeSource;
import io.loopscope.inference.io.Npz;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import io.loopscope.inference.train.CharVocab;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.ProbeResult;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec.InitMode;
import io.loopscope.ui.testing.FakeServices;
import io.loopscope.ui.testing.TestRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session files: round trip of runs and view state, the trace naming, versions and damaged files. */
class SessionFileTest {
    @TempDir
    Path dir;

    private static SessionState state() {
        RunResult a = TestRuns.synthetic("abcdef", 12), b = TestRuns.synthetic("abcdef", 20);
        ViewState v = new ViewState("latent-diff", 0.05, List.of(1, 3), 3, 7, "metrics", new PcPair(2, 3), true, "EXIT_STEP",
                new ViewState.CompareSettings(ModelRef.embeddedModel(), 20, InitMode.ZEROS, 9, new PcPair(0, 2)), "dark",
                new ViewState.RankSettings("c #3", 2), null);
        return new SessionState(a, b, null, v);
    }

    @Test
    void roundTripRestoresRunsAndView() throws Exception {
        Path f = dir.resolve("s.npz");
        SessionState s = state();
        SessionFile.write(f, s, "test");
        SessionState back = SessionFile.read(f, FakeServices.analyzer());
        assertArrayEquals(s.run().trace().states().data(), back.run().trace().states().data(), "states exactly");
        assertArrayEquals(s.run().trace().ids(), back.run().trace().ids());
        assertEquals(20, back.compareRun().iterations(), "run B too");
        assertNotNull(back.comparison(), "path independence recomputed");
        assertEquals(s.view(), back.view());
        assertEquals(s.run().spec(), back.run().spec());
        int lensId = s.run().trace().lensTopkIds().get(5, 2, 0);
        assertEquals(s.run().tokenString(lensId), back.run().tokenString(lensId), "lens tokens spelled without the model");
        assertEquals("fake", back.run().model().name());
    }

    @Test
    void theProbesViewsSettingsAndCurveRoundTrip() throws Exception {
        ProbeSettings file = new ProbeSettings(new ProbeSource.FilePrompts(dir.resolve("p.jsonl")), ProbeLabel.ITERATION, null, 2, 4, 3);
        ProbeSettings ran = new ProbeSettings(new ProbeSource.TaskPrompts("hops", new Range(2, 3), 90), ProbeLabel.HOP, 1, 2, 4, 7,
                io.loopscope.analysis.probe.ProbeLayers.parse("1,0"));
        ProbeCurve curve = new ProbeCurve("hop", 4, 0.25, List.of(new ProbeCurve.Point(0, 0.25, 0.3, 0.1),
                new ProbeCurve.Point(1, 0.625, 0.2, 0.5, List.of(new ProbeCurve.LayerPoint(1, 0.625, 0.2), new ProbeCurve.LayerPoint(0, 0.3, 0.25))),
                new ProbeCurve.Point(2, 0.9, Double.NaN, 0.95, List.of(new ProbeCurve.LayerPoint(1, 0.9, Double.NaN), new ProbeCurve.LayerPoint(0, 0.5, 0.2)))));
        SessionState s = state();
        ViewState v = s.view();
        ViewState withProbe = new ViewState(v.criterion(), v.threshold(), v.tokens(), v.focus(), v.step(), "probes", v.pair(), v.paperPanels(),
                v.colouring(), v.compare(), v.theme(), v.ranks(), new ViewState.ProbeState(file, new ProbeResult(ran, 90, "embedded", curve)));
        Path f = dir.resolve("p.npz");
        SessionFile.write(f, new SessionState(s.run(), null, null, withProbe), "test");
        assertEquals(withProbe, SessionFile.read(f, FakeServices.analyzer()).view());
        assertTrue(Npz.read(f).texts().get(SessionFile.ENTRY).contains("\"control_accuracy\" : 0.3"), "the curve as probe --json writes it");
        assertTrue(Npz.read(f).texts().get(SessionFile.ENTRY).contains("\"layers\" : \"1,0\""), "the layers as probe --layers takes them");

        rewriteJson(f, j -> j.replace("\"label\" : \"hop\",\n", "\"label\" : \"colour\",\n"));
        var e = assertThrows(SessionFormatException.class, () -> SessionFile.read(f, FakeServices.analyzer()));
        assertTrue(e.getMessage().contains("its last probe: unknown label 'colour'; labels: answer, running, hop, iteration"), e.getMessage());
    }

    @Test
    void aGenerationRoundTripsWithItsModeSettingsAndSteps() throws Exception {
        RunResult g = TestRuns.generated("abc", 8, 4);
        ViewState v = new ViewState("kl", 5e-4, List.of(4), 4, 3, "steps", new PcPair(0, 1), false, "MOTIF", null, "light");
        Path f = dir.resolve("g.npz");
        SessionFile.write(f, new SessionState(g, null, null, v), "test");
        SessionState back = SessionFile.read(f, FakeServices.analyzer());
        assertEquals(g.spec(), back.run().spec(), "the Generate settings come back with the run");
        assertNotNull(back.run().spec().generate());
        assertArrayEquals(g.trace().generation().steps(), back.run().trace().generation().steps(), "the steps each position ran");
        assertArrayEquals(g.trace().generation().generatedIds(), back.run().trace().generation().generatedIds());
        assertEquals("steps", back.view().view());
        assertEquals(v, back.view());

        // a writer that did not know "generate" yet: the trace's own record says how it ran
        rewriteJson(f, j -> j.replaceAll("(?s),\\s*\"generate\" : \\{.*?\"stop\" : \\[ \\]\\s*\\}", ""));
        assertTrue(!Npz.read(f).texts().get(SessionFile.ENTRY).contains("\"generate\""), "removed");
        assertEquals(g.spec().generate(), SessionFile.read(f, FakeServices.analyzer()).run().spec().generate());
    }

    @Test
    void recordLayersAndTheRanksViewComeBack() throws Exception {
        RunResult a = TestRuns.synthetic("abcdef", 12);
        io.loopscope.ui.engine.RunSpec spec = a.spec();
        RunResult layered = new RunResult(new io.loopscope.ui.engine.RunSpec(spec.model(), spec.prompt(), spec.iterations(), spec.init(),
                spec.seed(), spec.topK(), null, true), a.model(), a.trace(), a.analysis(), 1, 1);
        Path f = dir.resolve("l.npz");
        SessionFile.write(f, new SessionState(layered, null, null, state().view()), "test");
        SessionState back = SessionFile.read(f, FakeServices.analyzer());
        assertTrue(back.run().spec().layers(), "record layers is a setting of the run");
        assertEquals(new ViewState.RankSettings("c #3", 2), back.view().ranks(), "a layer this run lacks is kept: the view says so");

        rewriteJson(f, j -> j.replaceAll("(?s),\\s*\"ranks\" : \\{[^}]*\\}", "").replace("\"layers\" : true", "\"other\" : 1"));
        SessionState old = SessionFile.read(f, FakeServices.analyzer());
        assertEquals(ViewState.RankSettings.DEFAULT, old.view().ranks(), "a session from before the Ranks view opens with its defaults");
        assertTrue(!old.run().spec().layers());
    }

    @Test
    void anOlderRunSessionWithoutGenerateSettingsIsARun() throws Exception {
        Path f = dir.resolve("s.npz");
        SessionFile.write(f, state(), "test");
        assertTrue(!Npz.read(f).texts().get(SessionFile.ENTRY).contains("generate"), "a Run writes no generate settings");
        assertEquals(null, SessionFile.read(f, FakeServices.analyzer()).run().spec().generate());
    }

    @Test
    void aSessionIsATraceAndNumpyLayout() throws Exception {
        Path f = dir.resolve("s.npz");
        SessionFile.write(f, state(), "test");
        // the trace reader (and so `analyze --trace`) reads the current run straight from a session
        assertEquals(6, TraceFile.read(f).tokenCount());
        Npz.Contents c = Npz.read(f);
        assertTrue(c.arrays().containsKey("states") && c.arrays().containsKey("compare/states"), c.arrays().keySet().toString());
        assertTrue(c.texts().get(SessionFile.ENTRY).contains("\"format\" : \"loopscope-session\""));
    }

    @Test
    void plainTraceOpensWithTheDefaultView() throws Exception {
        Path f = dir.resolve("t.npz");
        TraceFile.write(f, TestRuns.synthetic("abcd", 8).trace());
        SessionState s = SessionFile.read(f, FakeServices.analyzer());
        assertEquals(List.of(1, 2, 3), s.view().tokens());
        assertEquals("trajectories", s.view().view());
    }

    /** The synthetic trace as if recorded from the model folder modelPath, named model. */
    private static Trace recordedFrom(Trace t, String model, Path modelPath) {
        RunInfo i = t.info();
        RunInfo info = new RunInfo(model, modelPath.toString(), i.config(), i.iterations(), i.init(), i.initFile(), i.seed(), i.topK(), i.tokens(),
                i.normEps(), i.exitThresholds(), i.exitSteps(), i.timingsMs(), i.label(), i.version());
        return new Trace(info, t.ids(), t.states(), t.finalLatent(), t.logits(), t.lensEntropy(), t.lensKl(), t.lensTopkIds(), t.lensTopkProbs(),
                t.lens(), t.lnFWeight());
    }

    @Test
    void plainTraceSpellsItsLensWithTheTokenizerOfTheModelItNames() throws Exception {
        CharVocab vocab = new CharVocab("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-*/=<>?!:;,.");
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("tokenizer.json"), vocab.tokenizerJson());
        Trace synthetic = TestRuns.synthetic("abcd", 8).trace(); // prompt ids 0..3, lens guesses up to 9
        int guess = 7;
        assertTrue(java.util.Arrays.stream(synthetic.lensTopkIds().data()).anyMatch(id -> id == guess), "a guess beyond the prompt");
        Path f = dir.resolve("t.npz");
        TraceFile.write(f, recordedFrom(synthetic, "model", model));
        var loader = new HuginnModelLoader(() -> null, "test");

        RunResult spelled = SessionFile.read(f, FakeServices.analyzer(), loader::tokenizerOf).run();
        assertEquals(vocab.token(guess), spelled.tokenString(guess), "spelled by the model's tokenizer.json");
        assertEquals("a", spelled.tokenString(0), "the prompt as the run spelled it");
        assertEquals("a trace file", spelled.model().description());

        Path moved = Files.move(model, dir.resolve("moved"));
        RunResult gone = SessionFile.read(f, FakeServices.analyzer(), loader::tokenizerOf).run();
        assertEquals("#" + guess, gone.tokenString(guess));
        assertEquals("a trace file; its lens guesses read #id: its model folder " + model + " is not on this machine", gone.model().description());

        TraceFile.write(f, recordedFrom(synthetic, RunInfo.EMBEDDED, model));
        var withEmbedded = new HuginnModelLoader(() -> moved, "test");
        assertEquals(vocab.token(guess), SessionFile.read(f, FakeServices.analyzer(), withEmbedded::tokenizerOf).run().tokenString(guess),
                "a trace of the embedded model made elsewhere: this build's embedded model spells it");
    }

    @Test
    void newerVersionSaysSo() throws Exception {
        Path f = dir.resolve("s.npz");
        SessionFile.write(f, state(), "test");
        rewriteJson(f, j -> j.replace("\"version\" : 1", "\"version\" : 7").replace("LoopScope test", "LoopScope 9.0"));
        var e = assertThrows(SessionFormatException.class, () -> SessionFile.read(f, FakeServices.analyzer()));
        assertTrue(e.getMessage().contains("newer LoopScope (LoopScope 9.0, session format 7)"), e.getMessage());
        rewriteJson(f, j -> j.replace("loopscope-session", "something-else"));
        e = assertThrows(SessionFormatException.class, () -> SessionFile.read(f, FakeServices.analyzer()));
        assertTrue(e.getMessage().contains("not a LoopScope session"), e.getMessage());
    }

    @Test
    void damagedFilesSayWhat() throws Exception {
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "this is not a zip");
        var e = assertThrows(SessionFormatException.class, () -> SessionFile.read(junk, FakeServices.analyzer()));
        assertTrue(e.getMessage().contains("not an NPZ file"), e.getMessage());

        Path f = dir.resolve("s.npz");
        SessionFile.write(f, state(), "test");
        rewriteJson(f, j -> j.substring(0, j.length() / 2));
        e = assertThrows(SessionFormatException.class, () -> SessionFile.read(f, FakeServices.analyzer()));
        assertTrue(e.getMessage().contains("is damaged") && e.getMessage().contains("not valid JSON"), e.getMessage());

        Path truncated = dir.resolve("t.npz");
        SessionFile.write(truncated, state(), "test");
        byte[] all = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 3));
        e = assertThrows(SessionFormatException.class, () -> SessionFile.read(truncated, FakeServices.analyzer()));
        assertTrue(e.getMessage().startsWith("t.npz"), e.getMessage());
    }

    @Test
    void failedSaveKeepsThePreviousFile() throws Exception {
        Path f = dir.resolve("s.npz");
        SessionFile.write(f, state(), "test");
        byte[] before = Files.readAllBytes(f);
        Path missing = dir.resolve("no/such/folder/s.npz");
        assertThrows(java.io.IOException.class, () -> SessionFile.write(missing, state(), "test"));
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    private static void rewriteJson(Path f, java.util.function.UnaryOperator<String> edit) throws Exception {
        Npz.Contents c = Npz.read(f);
        Map<String, String> texts = new LinkedHashMap<>(c.texts());
        texts.put(SessionFile.ENTRY, edit.apply(texts.get(SessionFile.ENTRY)));
        Npz.write(f, c.arrays(), texts);
        assertTrue(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("session.json"));
    }
}
