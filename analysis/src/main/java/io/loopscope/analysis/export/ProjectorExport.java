package io.loopscope.analysis.export;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.motif.MotifResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Files for TensorBoard's Embedding Projector (projector.tensorflow.org → Load, or a TensorBoard
 * projector_config): {@value #VECTORS} holds one state per line (H tab-separated floats, no header);
 * {@value #METADATA} holds one line per state with a header row:
 * token, token_index, step, motif, __seq_next__.
 *
 * <p>{@code __seq_next__} is the Projector's reserved sequence column (it still reads the older
 * {@code __next__} too): the 0-based line of the next point of the same polyline, empty at a
 * polyline's end. Points are written token by token, step by step, so each token's trajectory
 * s_0 → s_R becomes one polyline. NaN/Inf states are left out (the Projector cannot parse them) and
 * break the polyline there.
 */
public final class ProjectorExport {
    public static final String VECTORS = "vectors.tsv";
    public static final String METADATA = "metadata.tsv";
    public static final List<String> METADATA_COLUMNS = List.of("token", "token_index", "step", "motif", "__seq_next__");

    private ProjectorExport() {
    }

    /**
     * @param points  how many states were written (lines of vectors.tsv; metadata.tsv has one more, the header)
     * @param skipped how many non-finite states were left out
     */
    public record Result(Path vectors, Path metadata, int points, int skipped) {
    }

    /** @param motifs one per token (labels for the motif column) */
    public static Result write(Path dir, TraceData data, StateSpace space, List<MotifResult> motifs) throws IOException {
        if (motifs.size() != data.tokens()) throw new IllegalArgumentException("one motif per token, got " + motifs.size() + " for " + data.tokens());
        ExportFile.directory(dir);
        Path vectors = dir.resolve(VECTORS), metadata = dir.resolve(METADATA);
        int[] written = {0};
        double[] x = new double[data.hidden()];
        ExportFile.write(vectors, out -> {
            StringBuilder line = new StringBuilder();
            for (int t = 0; t < data.tokens(); t++) {
                for (int s = 0; s <= data.iterations(); s++) {
                    if (!data.isFinite(s, t)) continue;
                    data.state(s, t, space, x);
                    line.setLength(0);
                    for (int j = 0; j < x.length; j++) line.append(j == 0 ? "" : "\t").append((float) x[j]);
                    out.write(line.append('\n').toString());
                    written[0]++;
                }
            }
        });
        ExportFile.write(metadata, out -> {
            out.write(String.join("\t", METADATA_COLUMNS) + "\n");
            int row = 0;
            for (int t = 0; t < data.tokens(); t++) {
                String token = cell(data.token(t)), motif = motifs.get(t).motif().id();
                for (int s = 0; s <= data.iterations(); s++) {
                    if (!data.isFinite(s, t)) continue;
                    boolean linked = s < data.iterations() && data.isFinite(s + 1, t);
                    out.write(token + "\t" + t + "\t" + s + "\t" + motif + "\t" + (linked ? Integer.toString(row + 1) : "") + "\n");
                    row++;
                }
            }
        });
        return new Result(vectors, metadata, written[0], data.steps() * data.tokens() - written[0]);
    }

    /** A token as one TSV cell: tabs and line breaks would split the table, so they are written as \t, \n, \r. */
    static String cell(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
