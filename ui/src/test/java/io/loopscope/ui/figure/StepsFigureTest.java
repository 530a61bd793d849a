package io.loopscope.ui.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.GeneratedSteps;
import io.loopscope.ui.chart.StepsChart;
import io.loopscope.ui.colour.Viridis;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.testing.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper's steps-per-token figure: one bar per generated token, a line at R, in every format and in the figure set. */
class StepsFigureTest {
    @TempDir
    Path dir;

    /** "abc" at R 8 with four new tokens: d, e, f fed back after 8, 5 and 2 iterations. */
    private static RunResult generated() {
        return TestRuns.generated("abc", 8, 4);
    }

    @Test
    void barsAreTheIterationsEachTokenRanWithALineAtR() {
        GeneratedSteps steps = GeneratedSteps.of(generated());
        StepsChart c = new StepsChart(ChartStyle.of(false));
        c.setData(steps, List.of(4));
        XYPlot plot = c.chart().getXYPlot();
        assertEquals(3, plot.getDataset().getItemCount(0));
        assertEquals(List.of(8.0, 5.0, 2.0), List.of(plot.getDataset().getYValue(0, 0), plot.getDataset().getYValue(0, 1), plot.getDataset().getYValue(0, 2)));
        assertEquals(8.0, ((ValueMarker) plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next()).getValue(), "the line at R");
        assertEquals(Viridis.awt(1), plot.getRenderer().getItemPaint(0, 0), "as its chip: the most iterations, viridis' top");
        assertEquals(Viridis.awt(0), plot.getRenderer().getItemPaint(0, 2), "the fewest: its bottom");
        assertEquals(ChartStyle.of(false).marker(), plot.getRenderer().getItemOutlinePaint(0, 1), "the selected token's bar is outlined");
    }

    @Test
    void aGenerationsFigureSetEndsWithItAndARunsHasNone() {
        List<String> names = FigureSet.build(generated(), FigureSet.Request.defaults(List.of(3, 4))).stream().map(Figure::name).toList();
        assertEquals("steps-per-token", names.getLast());
        assertFalse(FigureSet.build(TestRuns.synthetic("abc", 8), FigureSet.Request.defaults(List.of(1))).stream()
                .anyMatch(f -> f.name().equals("steps-per-token")));
    }

    @Test
    void aGenerationTraceFromAFileGetsItToo() {
        // the analyze --figures path: trace data and the analysis module's report, no workbench run
        var data = io.loopscope.analysis.TraceLoader.fromTrace(generated().trace(), "g.npz");
        var report = io.loopscope.analysis.report.TraceAnalysis.analyze(data, io.loopscope.analysis.report.AnalysisOptions.defaults());
        RunResult r = io.loopscope.ui.engine.LoadedRuns.of(data, report, io.loopscope.ui.engine.LoadedRuns.UNSPELLED);
        assertEquals(List.of(8, 5, 2), GeneratedSteps.of(r).bars().stream().map(GeneratedSteps.Bar::steps).toList());
        assertEquals("steps-per-token", FigureSet.build(r, FigureSet.Request.defaults(List.of(4))).getLast().name());
    }

    @Test
    void exportsAsPngSvgAndPdfWithTextAsText() throws Exception {
        Figure f = Figures.steps(GeneratedSteps.of(generated()), List.of(4), ChartStyle.of(false));
        Path png = dir.resolve("s.png"), svg = dir.resolve("s.svg"), pdf = dir.resolve("s.pdf");
        FigureWriter.write(f, FigureFormat.PNG, png, 300);
        assertEquals(2100, ImageIO.read(png.toFile()).getWidth(), "504 pt at 300 dpi");

        FigureWriter.write(f, FigureFormat.SVG, svg, 300);
        String xml = Files.readString(svg);
        assertTrue(xml.contains("Iterations per generated token"), "title");
        assertTrue(xml.contains(">iterations run</text>"), "axis title as text");
        assertTrue(xml.contains("[4] e") && xml.contains("R = 8 (fixed cost per token)"), "bar labels and the R line");
        assertTrue(xml.contains("used 15 iterations of 24 at fixed R = 8 (63 %)"), "the cost line");
        assertTrue(xml.contains("rgb(" + Viridis.awt(0).getRed() + "," + Viridis.awt(0).getGreen() + "," + Viridis.awt(0).getBlue() + ")"));
        assertFalse(xml.contains("<image"), "vectors, no bitmap");

        FigureWriter.write(f, FigureFormat.PDF, pdf, 300);
        String content = FigureExportTest.pdfContent(Files.readAllBytes(pdf));
        assertTrue(content.contains("(iterations run) Tj"), "axis label as a PDF text operator");
        assertTrue(content.contains("([4] e) Tj"), "bar labels too");
    }
}
