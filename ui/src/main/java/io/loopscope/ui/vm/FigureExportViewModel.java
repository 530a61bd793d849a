package io.loopscope.ui.vm;

import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.figure.FigureWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The export dialog's choices — one figure (a file in one format, with its size) or the figure set (a
 * folder, several formats) — and their validation. Remembers the last choices for the next export.
 */
public final class FigureExportViewModel {

    /** A validated export: target is a file (single figure) or a folder (figure set). */
    public record Request(Path target, List<FigureFormat> formats, double width, double height, int dpi) {
        public Request {
            formats = List.copyOf(formats);
        }
    }

    private final StringProperty target = new SimpleStringProperty("");
    private final ObjectProperty<FigureFormat> format = new SimpleObjectProperty<>(FigureFormat.PNG);
    private final BooleanProperty png = new SimpleBooleanProperty(true), svg = new SimpleBooleanProperty(true), pdf = new SimpleBooleanProperty(true);
    private final IntegerProperty width = new SimpleIntegerProperty(432), height = new SimpleIntegerProperty(360);
    private final IntegerProperty dpi = new SimpleIntegerProperty(FigureWriter.DEFAULT_DPI);

    public StringProperty targetProperty() { return target; }
    public ObjectProperty<FigureFormat> formatProperty() { return format; }
    public BooleanProperty pngProperty() { return png; }
    public BooleanProperty svgProperty() { return svg; }
    public BooleanProperty pdfProperty() { return pdf; }
    public IntegerProperty widthProperty() { return width; }
    public IntegerProperty heightProperty() { return height; }
    public IntegerProperty dpiProperty() { return dpi; }

    /** Prepares for one figure of a natural size: the file name follows the figure and the format. */
    public void forFigure(String name, double w, double h, Path folder) {
        width.set((int) Math.round(w));
        height.set((int) Math.round(h));
        target.set(folder.resolve(name + "." + format.get().extension()).toString());
    }

    /** A file name typed with another extension switches the format to it. */
    public void targetTyped(String text) {
        FigureFormat f = FigureFormat.ofFile(text);
        if (f != null) format.set(f);
    }

    /** The single-figure request; IllegalArgumentException with a message for the user. */
    public Request single() {
        Path file = path();
        FigureFormat f = FigureFormat.ofFile(file.getFileName().toString());
        if (f == null) {
            f = format.get();
            file = file.resolveSibling(file.getFileName() + "." + f.extension());
        }
        return new Request(file, List.of(f), checkSize(width.get(), "width"), checkSize(height.get(), "height"), checkDpi());
    }

    /** The figure-set request (a folder and the ticked formats). */
    public Request set() {
        List<FigureFormat> formats = new ArrayList<>();
        if (png.get()) formats.add(FigureFormat.PNG);
        if (svg.get()) formats.add(FigureFormat.SVG);
        if (pdf.get()) formats.add(FigureFormat.PDF);
        if (formats.isEmpty()) throw new IllegalArgumentException("tick at least one format (PNG, SVG or PDF)");
        return new Request(path(), formats, 0, 0, checkDpi());
    }

    private Path path() {
        String t = target.get() == null ? "" : target.get().strip();
        if (t.isEmpty()) throw new IllegalArgumentException("choose where to write the figure");
        try {
            return Path.of(t);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("'" + t + "' is not a valid path: " + e.getReason());
        }
    }

    private static double checkSize(int v, String what) {
        if (v < 72 || v > 7200) throw new IllegalArgumentException("the " + what + " must be between 72 and 7200 points (1 to 100 inches), got " + v);
        return v;
    }

    private int checkDpi() {
        int d = dpi.get();
        if (d < FigureWriter.MIN_DPI || d > FigureWriter.MAX_DPI) {
            throw new IllegalArgumentException("DPI must be between " + FigureWriter.MIN_DPI + " and " + FigureWriter.MAX_DPI + ", got " + d);
        }
        return d;
    }
}
