package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.ui.engine.LoadedRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --figures as a mixin, the way analyze uses it: options, validation, files from a foreign trace. */
class FiguresOptionTest {

    /** A command shaped like analyze: a trace, its analysis, then the figures. */
    @Command(name = "figs")
    static final class Figs implements Callable<Integer> {
        @Option(names = "--trace") Path trace;
        @Mixin FiguresOption figures;
        StringWriter printed = new StringWriter();

        @Override
        public Integer call() throws Exception {
            figures.formats();
            TraceData data = TraceLoader.load(trace);
            TraceReport report = TraceAnalysis.analyze(data, AnalysisOptions.defaults());
            figures.write(List.of(LoadedRuns.of(data, report, LoadedRuns.UNSPELLED)), new PrintWriter(printed, true));
            return 0;
        }
    }

    private static CliRun run(Figs cmd, String... args) {
        CommandLine cli = new CommandLine(cmd);
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println(ex.getMessage());
            return 1;
        });
        return new CliRun(cli.execute(args), out.toString() + cmd.printed, err.toString());
    }

    @Test
    void writesTheFigureSetOfAStatesOnlyTrace(@TempDir Path dir) throws Exception {
        // another tool's NPZ: only 'states' and a meta.json without lens arrays
        Path trace = AnalyzeCommandTest.trace(dir.resolve("a.npz"), 16, "easy");
        Path out = dir.resolve("figs");
        CliRun r = run(new Figs(), "--trace", trace.toString(), "--figures", out.toString(), "--format", "svg,png", "--tokens", "0,1", "--dpi", "72");
        assertEquals(0, r.exitCode(), r.err());
        // H = 4: four components, so two planes (PC1–2, PC3–4), their paper layout, heatmap and metrics, in two formats
        assertTrue(r.out().contains("wrote 10 figure files"), r.out());
        assertTrue(Files.exists(out.resolve("trajectories-pc3-pc4.png")));
        assertTrue(Files.exists(out.resolve("trajectories-pc1-pc2.svg")));
        assertTrue(Files.exists(out.resolve("heatmap.png")));
        assertTrue(Files.readString(out.resolve("heatmap.svg")).contains("cat</text>"), "token strings from meta.json, as text");
    }

    @Test
    void badOptionsFailBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path trace = AnalyzeCommandTest.trace(dir.resolve("a.npz"), 8, null);
        CliRun r = run(new Figs(), "--trace", trace.toString(), "--figures", dir.resolve("f").toString(), "--format", "png,gif");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown figure format 'gif'"), r.err());
        r = run(new Figs(), "--trace", trace.toString(), "--figures", dir.resolve("f").toString(), "--tokens", "5");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--tokens 5 is outside the trace's 2 tokens"), r.err());
        r = run(new Figs(), "--trace", trace.toString(), "--figures", dir.resolve("f").toString(), "--dpi", "5000");
        assertTrue(r.err().contains("--dpi must be between"), r.err());
        Path file = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "keep me");
        r = run(new Figs(), "--trace", trace.toString(), "--figures", file.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--figures " + file + " is a file; give a folder"), r.err());
        assertEquals("keep me", java.nio.file.Files.readString(file));
        IOException direct = assertThrows(IOException.class, () -> io.loopscope.ui.figure.FigureSet.write(List.of(), file,
                List.of(io.loopscope.ui.figure.FigureFormat.PNG), 72, null));
        assertTrue(direct.getMessage().endsWith("it is a file, not a folder"), direct.getMessage());
    }
}
