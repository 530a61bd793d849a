package io.loopscope.analysis.export;

import io.loopscope.analysis.projection.PcaResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PCA projections as CSV: trace, token_index, token, step, pc1..pcK — one row per state, token by
 * token and step by step, so a plot of pc1 against pc2 grouped by (trace, token) draws each
 * trajectory. States that were not finite have empty pc cells.
 */
public final class ProjectionTable {
    private ProjectionTable() {
    }

    /**
     * One trace's projections.
     *
     * @param source  trace name for the first column
     * @param tokens  token display strings
     * @param pca     the fitted PCA with every state projected
     */
    public record Entry(String source, List<String> tokens, PcaResult pca) {
        public Entry {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pca, "pca");
            tokens = List.copyOf(tokens);
            if (tokens.size() != pca.projections().length) throw new IllegalArgumentException("one token string per projected token");
        }
    }

    public static List<String> columns(int components) {
        List<String> cols = new ArrayList<>(List.of("trace", "token_index", "token", "step"));
        for (int c = 1; c <= components; c++) cols.add("pc" + c);
        return cols;
    }

    public static void writeCsv(Path target, List<Entry> entries) throws IOException {
        int k = entries.stream().mapToInt(e -> e.pca().components()).max().orElse(0);
        List<String> columns = columns(k);
        ExportFile.write(target, out -> {
            Csv.row(out, columns);
            for (Entry e : entries) {
                double[][][] p = e.pca().projections();
                for (int t = 0; t < p.length; t++) {
                    for (int s = 0; s < p[t].length; s++) {
                        List<String> row = new ArrayList<>(columns.size());
                        row.add(e.source());
                        row.add(Integer.toString(t));
                        row.add(e.tokens().get(t));
                        row.add(Integer.toString(s));
                        for (int c = 0; c < k; c++) row.add(c < p[t][s].length ? Csv.number(p[t][s][c]) : "");
                        Csv.row(out, row);
                    }
                }
            }
        });
    }
}
