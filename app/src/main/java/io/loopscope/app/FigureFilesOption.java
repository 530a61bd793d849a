package io.loopscope.app;

import io.loopscope.ui.figure.Figure;
import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.figure.FigureSet;
import io.loopscope.ui.figure.FigureWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --figures DIR [--format png,svg,pdf] [--dpi N]} for a command with figures of its own
 * (compare-models), written through {@link FigureSet#write} as the figure set of a run is by
 * {@link FiguresOption}. A picocli mixin: {@link #check} before the work, {@link #write} after it.
 */
final class FigureFilesOption {
    @Option(names = "--figures", paramLabel = "DIR", description = "Also write the figures into DIR (created when missing).")
    Path dir;

    @Option(names = "--format", paramLabel = "png,svg,pdf", defaultValue = "png",
            description = "Figure formats, comma-separated, or all (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--dpi", defaultValue = "300", description = "PNG resolution (default: ${DEFAULT-VALUE}).")
    int dpi = FigureWriter.DEFAULT_DPI;

    boolean requested() {
        return dir != null;
    }

    /** Checks the formats, the DPI and that DIR can be made and written, before any long work (nothing is created yet). */
    List<FigureFormat> check() {
        List<FigureFormat> formats = checkFormats(format, dpi);
        if (dir != null) requireWritableFolder(dir);
        return formats;
    }

    /** The one check of --format and --dpi, shared with {@link FiguresOption}. */
    static List<FigureFormat> checkFormats(String format, int dpi) {
        List<FigureFormat> f = FigureFormat.parseList(format);
        if (dpi < FigureWriter.MIN_DPI || dpi > FigureWriter.MAX_DPI) {
            throw new IllegalArgumentException("--dpi must be between " + FigureWriter.MIN_DPI + " and " + FigureWriter.MAX_DPI + ", got " + dpi);
        }
        return f;
    }

    /** DIR is a folder that can be written, or a path whose nearest existing ancestor is a writable folder. */
    static void requireWritableFolder(Path dir) {
        if (dir.toString().isBlank()) throw new IllegalArgumentException("--figures needs a folder (the path is empty)");
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IllegalArgumentException("--figures " + dir + " is a file; give a folder (it is created when missing)");
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) throw new IllegalArgumentException("cannot write figures into " + dir + ": none of its folders exists");
        if (!Files.isDirectory(existing)) throw new IllegalArgumentException("cannot write figures into " + dir + ": " + existing + " is a file, not a folder");
        if (!Files.isWritable(existing)) throw new IllegalArgumentException("cannot write figures into " + dir + ": folder " + existing + " is not writable");
    }

    /** Writes each figure in each format into DIR; says where on note. */
    List<Path> write(List<Figure> figures, PrintWriter note) throws IOException {
        if (!requested()) return List.of();
        List<Path> written = FigureSet.write(figures, dir, check(), dpi, null);
        note.println("wrote " + written.size() + " figure files to " + dir);
        return written;
    }
}
