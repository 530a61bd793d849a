package io.loopscope.ui.figure;

import io.loopscope.inference.io.AtomicFile;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a {@link Figure} as PNG (raster at a chosen DPI), SVG (JFreeSVG) or PDF (OrsonPDF). The
 * vector formats receive the same Graphics2D calls as the screen, so text stays text and colours are
 * the chart's own. Every file goes through a temporary sibling and a rename: a failed export leaves
 * no half-written figure behind.
 */
public final class FigureWriter {
    /** Print resolution, the default for PNG. */
    public static final int DEFAULT_DPI = 300;
    public static final int MIN_DPI = 36, MAX_DPI = 1200;
    /** Limit on PNG pixels (a 1200-dpi poster would need gigabytes of heap). */
    static final long MAX_PIXELS = 120_000_000L;

    private FigureWriter() {
    }

    /** Writes figure to target in format; dpi applies to PNG only (vector formats are resolution-free). */
    public static void write(Figure figure, FigureFormat format, Path target, int dpi) throws IOException {
        if (dpi < MIN_DPI || dpi > MAX_DPI) throw new IllegalArgumentException("DPI must be between " + MIN_DPI + " and " + MAX_DPI + ", got " + dpi);
        switch (format) {
            case PNG -> {
                BufferedImage image = raster(figure, dpi); // render first: a failure then touches no file at all
                AtomicFile.write(target, tmp -> {
                    writePng(image, dpi, tmp);
                    shareable(tmp);
                });
            }
            case SVG -> {
                String svg = svg(figure);
                AtomicFile.write(target, tmp -> {
                    Files.writeString(tmp, svg, StandardCharsets.UTF_8);
                    shareable(tmp);
                });
            }
            case PDF -> {
                byte[] pdf = pdf(figure);
                AtomicFile.write(target, tmp -> {
                    Files.write(tmp, pdf);
                    shareable(tmp);
                });
            }
        }
    }

    /** The figure as pixels: logical size × dpi/72, drawn through a scale so layout matches the vector output. */
    public static BufferedImage raster(Figure figure, int dpi) {
        double scale = dpi / 72.0;
        int w = (int) Math.round(figure.width() * scale), h = (int) Math.round(figure.height() * scale);
        if ((long) w * h > MAX_PIXELS) {
            throw new IllegalArgumentException(String.format("a %d × %d pixel PNG is too large; lower the DPI or the size", w, h));
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g2.setColor(java.awt.Color.WHITE);
            g2.fillRect(0, 0, w, h);
            g2.scale(scale, scale);
            figure.draw(g2);
        } finally {
            g2.dispose();
        }
        return image;
    }

    /** The figure as an SVG document; sizes in points so it prints at the same size as the PDF. */
    public static String svg(Figure figure) {
        SVGGraphics2D g2 = new SVGGraphics2D(figure.width(), figure.height());
        figure.draw(g2);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement();
    }

    /** The figure as a one-page PDF whose page is the figure's size. */
    public static byte[] pdf(Figure figure) {
        PDFDocument doc = new PDFDocument();
        doc.setTitle(figure.name());
        doc.setAuthor("LoopScope");
        Page page = doc.createPage(new java.awt.Rectangle((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height())));
        PDFGraphics2D g2 = page.getGraphics2D();
        PdfText.prepare(g2);
        figure.draw(PdfText.wrap(g2));
        return doc.getPDFBytes();
    }

    /** PNG with the resolution recorded (pHYs), so print and layout programs place it at its real size. */
    private static void writePng(BufferedImage image, int dpi, Path target) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) throw new IOException("this Java runtime has no PNG writer");
        ImageWriter writer = writers.next();
        try (OutputStream out = Files.newOutputStream(target); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            setDpi(meta, dpi);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * pHYs in PNG's own metadata tree: the standard tree's HorizontalPixelSize is written inverted by
     * the JDK's PNG writer (JDK-5106305), which would tell readers 4 dpi instead of 300.
     */
    private static void setDpi(IIOMetadata meta, int dpi) throws IOException {
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        String perMetre = Long.toString(Math.round(dpi / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        try {
            meta.mergeTree("javax_imageio_png_1.0", root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("could not record the PNG's resolution: " + e.getMessage(), e);
        }
    }

    /**
     * Temporary files are created private (0600); a figure is a document to share, so it gets the
     * ordinary rw-r--r-- before it is renamed into place.
     */
    static void shareable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its defaults apply
        }
    }
}
