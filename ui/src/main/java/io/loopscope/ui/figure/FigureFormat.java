package io.loopscope.ui.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figure file formats: PNG for screens and slides, SVG and PDF as true vectors for papers. */
public enum FigureFormat {
    PNG("png", "PNG image"), SVG("svg", "SVG vector drawing"), PDF("pdf", "PDF vector document");

    private final String extension;
    private final String description;

    FigureFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    public String extension() {
        return extension;
    }

    public String description() {
        return description;
    }

    /** The format a file name asks for by its extension, or null. */
    public static FigureFormat ofFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (FigureFormat f : values()) if (lower.endsWith("." + f.extension)) return f;
        return null;
    }

    /** Parses "png,svg,pdf" (case-insensitive; "all" means every format). */
    public static List<FigureFormat> parseList(String list) {
        if (list == null) return List.of(PNG);
        if (list.isBlank()) throw new IllegalArgumentException("the figure format list is empty; use png, svg or pdf (comma-separated) or all");
        if (list.trim().equalsIgnoreCase("all")) return List.of(values());
        List<FigureFormat> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            FigureFormat f = null;
            for (FigureFormat c : values()) if (c.extension.equals(p)) f = c;
            if (f == null) throw new IllegalArgumentException("unknown figure format '" + part.trim() + "'; use png, svg or pdf (comma-separated)");
            if (!out.contains(f)) out.add(f);
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return extension.toUpperCase(Locale.ROOT);
    }
}
