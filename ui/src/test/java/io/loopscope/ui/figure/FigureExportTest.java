package io.loopscope.ui.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.colour.Viridis;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.testing.TestRuns;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figure files: sizes and DPI of PNGs, real text and the screen's colours in SVG/PDF, atomic failure. */
class FigureExportTest {
    @TempDir
    Path dir;

    private static List<Figure> set() {
        RunResult r = TestRuns.synthetic("abcdef", 16);
        return FigureSet.build(r, FigureSet.Request.defaults(List.of(3, 4, 5)));
    }

    private static Figure named(List<Figure> figs, String name) {
        return figs.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no figure " + name));
    }

    @Test
    void figureSetHasThePaperLayout() {
        List<String> names = set().stream().map(Figure::name).toList();
        assertEquals(List.of("trajectories-pc1-pc2", "trajectories-pc3-pc4", "trajectories-pc5-pc6", "trajectories-paper", "heatmap", "metrics",
                "lens-token-3", "lens-token-4", "lens-token-5"), names);
    }

    @Test
    void aRunWithALensGetsTheLensOfEachChosenToken() throws Exception {
        RunResult r = TestRuns.synthetic("abcdef", 12);
        List<Figure> figs = FigureSet.build(r, FigureSet.Request.defaults(List.of(1, 4)));
        List<String> names = figs.stream().map(Figure::name).toList();
        assertEquals(List.of("metrics", "lens-token-1", "lens-token-4"), names.subList(names.size() - 3, names.size()));
        Path svg = dir.resolve("lens.svg");
        FigureWriter.write(named(figs, "lens-token-4"), FigureFormat.SVG, svg, 72);
        String text = Files.readString(svg);
        assertTrue(text.contains("lens probability") && text.contains("Coda lens of [4]"), "the lens of token 4, as text");
    }

    @Test
    void pngHasTheChosenSizeAndDpi() throws Exception {
        Figure f = named(set(), "trajectories-pc1-pc2").withSize(360, 288);
        Path png = dir.resolve("t.png");
        FigureWriter.write(f, FigureFormat.PNG, png, 300);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1500, img.getWidth(), "5 inches at 300 dpi");
        assertEquals(1200, img.getHeight());
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
            assertEquals(300 / 0.0254, Double.parseDouble(phys.getAttribute("pixelsPerUnitXAxis")), 1, "pHYs says 300 dpi");
        }
        FigureWriter.write(f, FigureFormat.PNG, png, 72);
        assertEquals(360, ImageIO.read(png.toFile()).getWidth(), "at 72 dpi one point is one pixel");
    }

    @Test
    void svgIsVectorsWithTextAndTheScreenColours() throws Exception {
        List<Figure> figs = set();
        Path svg = dir.resolve("t.svg");
        FigureWriter.write(named(figs, "trajectories-pc1-pc2"), FigureFormat.SVG, svg, 300);
        String xml = Files.readString(svg);
        assertTrue(xml.contains("<text"), "text is text");
        assertTrue(xml.contains("PC1 (41.0% of variance)"), "the axis label as on screen");
        assertTrue(xml.contains("[5] f"), "token labels");
        assertFalse(xml.contains("<image"), "no embedded bitmap");
        String lastStep = rgb(Viridis.awt(1.0)), firstStep = rgb(Viridis.awt(0.0));
        assertTrue(xml.contains(lastStep), "viridis' yellow end for the last steps: " + lastStep);
        assertTrue(xml.contains(firstStep), "and its purple start: " + firstStep);
        Path heat = dir.resolve("h.svg");
        FigureWriter.write(named(figs, "heatmap"), FigureFormat.SVG, heat, 300);
        assertTrue(Files.readString(heat).contains(">log10 ‖s_i − s*‖</text>"), "rotated unicode labels are SVG text");
    }

    @Test
    void pdfIsVectorsWithRealText() throws Exception {
        Path pdf = dir.resolve("t.pdf");
        FigureWriter.write(named(set(), "metrics"), FigureFormat.PDF, pdf, 300);
        byte[] bytes = Files.readAllBytes(pdf);
        String body = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(body.startsWith("%PDF"));
        String content = pdfContent(bytes);
        assertTrue(content.contains("(step) Tj"), "axis label written as a PDF text operator");
        assertTrue(content.contains("([3] d) Tj"), "legend as text");
        assertTrue(java.util.regex.Pattern.compile("\\(lens entropy.*\\) Tj").matcher(content).find(), "rotated axis titles are text too");
        assertTrue(body.contains("Helvetica"), "with a standard font");
        assertFalse(body.contains("/Subtype /Image"), "no embedded bitmap");
        assertFalse(content.contains("?"), "no characters lost to '?' (non-ASCII glyphs are drawn as outlines)");
    }

    /** OrsonPDF does not escape parentheses: a run like "KL(p_i" must not open a string it never closes. */
    @Test
    void pdfTextStringsStayBalanced() throws Exception {
        boolean[] t = PdfText.textable("KL(p_i−1 ‖ p_i) (nats)");
        assertFalse(t[2], "the unbalanced '(' is drawn as an outline");
        assertTrue(t[0] && t[3], "letters stay text");
        assertFalse(t[6], "'−' is not ASCII");
        boolean[] ok = PdfText.textable("lens entropy (nats)");
        for (boolean b : ok) assertTrue(b, "balanced parentheses stay text");
        Path pdf = dir.resolve("m.pdf");
        FigureWriter.write(named(set(), "metrics"), FigureFormat.PDF, pdf, 300);
        for (String line : pdfContent(Files.readAllBytes(pdf)).split("\n")) {
            if (!line.endsWith(" Tj ET")) continue;
            String str = line.substring(line.indexOf('(') + 1, line.lastIndexOf(") Tj ET"));
            int depth = 0;
            for (char c : str.toCharArray()) {
                if (c == '(') depth++;
                if (c == ')') depth--;
                assertTrue(depth >= 0, "unbalanced string in: " + line);
            }
            assertEquals(0, depth, "unbalanced string in: " + line);
        }
    }

    @Test
    void darkThemeFiguresUseTheDarkBackground() throws Exception {
        RunResult r = TestRuns.synthetic("abc", 8);
        var q = new FigureSet.Request(List.of(0, 1), -1, io.loopscope.inference.exit.ExitCriterion.KL, 5e-4, ChartStyle.of(true));
        Figure f = FigureSet.build(r, q).getFirst();
        BufferedImage img = FigureWriter.raster(f, 72);
        assertEquals(ChartStyle.of(true).background().getRGB(), img.getRGB(2, 2), "the chart's own background, as on screen");
    }

    @Test
    void writesEveryFormatAndFailsCleanlyOnAnUnwritableFolder() throws Exception {
        List<Figure> figs = set().subList(0, 1);
        List<Path> out = FigureSet.write(figs, dir.resolve("figs"), List.of(FigureFormat.values()), 100, null);
        assertEquals(3, out.size());
        for (Path p : out) assertTrue(Files.size(p) > 500, p + " has content");
        Path locked = dir.resolve("locked");
        Files.createDirectories(locked);
        assertTrue(locked.toFile().setWritable(false));
        try {
            if (Files.isWritable(locked)) return; // running as a user that ignores permissions: nothing to check
            var e = assertThrows(java.io.IOException.class, () -> FigureSet.write(figs, locked, List.of(FigureFormat.PNG), 100, null));
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
            try (Stream<Path> s = Files.list(locked)) {
                assertEquals(0, s.count(), "no half-written file");
            }
        } finally {
            locked.toFile().setWritable(true);
        }
    }

    @Test
    void failedRenderLeavesNoFile() {
        Figure broken = new Figure("broken", 100, 100, (g2, area) -> {
            throw new IllegalStateException("renderer failed");
        });
        for (FigureFormat f : FigureFormat.values()) {
            Path target = dir.resolve("broken." + f.extension());
            assertThrows(IllegalStateException.class, () -> FigureWriter.write(broken, f, target, 300));
            assertFalse(Files.exists(target));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary leftovers");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void formatsParse() {
        assertEquals(List.of(FigureFormat.PNG, FigureFormat.PDF), FigureFormat.parseList("png, PDF,png"));
        assertEquals(3, FigureFormat.parseList("all").size());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FigureFormat.parseList(" ")).getMessage()
                .contains("the figure format list is empty"));
        var e = assertThrows(IllegalArgumentException.class, () -> FigureFormat.parseList("png,jpg"));
        assertTrue(e.getMessage().contains("'jpg'"));
    }

    private static String rgb(java.awt.Color c) {
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    /** The page content of a PDF: OrsonPDF deflates its streams. */
    static String pdfContent(byte[] pdf) throws Exception {
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while ((at = raw.indexOf("stream", at)) >= 0) {
            int start = at + 6;
            if (raw.startsWith("\r\n", start)) start += 2;
            else if (raw.charAt(start) == '\n') start += 1;
            int end = raw.indexOf("endstream", start);
            if (end < 0) break;
            byte[] body = java.util.Arrays.copyOfRange(pdf, start, end);
            java.util.zip.Inflater inf = new java.util.zip.Inflater();
            inf.setInput(body);
            byte[] buf = new byte[1 << 20];
            try {
                int n = inf.inflate(buf);
                out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            } catch (java.util.zip.DataFormatException e) {
                out.append(new String(body, StandardCharsets.ISO_8859_1)); // not deflated
            }
            at = end + 9;
        }
        return out.toString();
    }
}
