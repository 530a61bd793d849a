package io.loopscope.analysis.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loopscope.analysis.convergence.CriterionSteps;
import io.loopscope.analysis.convergence.TokenConvergence;
import io.loopscope.analysis.motif.MotifResult;
import io.loopscope.analysis.report.ReportJson;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.exit.ExitCriterion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-token analysis as a table: one row per token of every trace, with the motif, its evidence,
 * the step at which every exit criterion fires, and the final distance to s*.
 *
 * <p>CSV columns are fixed whatever the data holds, so files from different runs line up:
 * trace, token_index, token, motif, every evidence field of every motif (empty where the token's
 * motif does not have it), exit_&lt;criterion&gt; per criterion (empty = never fired, {@value #UNAVAILABLE}
 * = could not be evaluated on this trace), final_distance, relative_final_distance, reference.
 */
public final class TokenTable {
    /** The CSV value of an exit criterion the trace lacks the data for (pandas and R read it as missing). */
    public static final String UNAVAILABLE = "NA";

    /** The union of {@code MotifEvidence.summary()} keys over all motifs; a test keeps this in step with the records. */
    public static final List<String> EVIDENCE_COLUMNS = List.of(
            "contraction_ratio", "settling_step", "final_relative_step",
            "period", "rotation_degrees_per_step", "radius", "relative_radius", "planes",
            "speed", "relative_speed", "direction_consistency", "along_share",
            "growth_rate", "norm_growth", "non_finite_from",
            "reason");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TokenTable() {
    }

    public static String exitColumn(ExitCriterion c) {
        return "exit_" + c.id().replace('-', '_');
    }

    public static List<String> columns() {
        List<String> cols = new ArrayList<>(List.of("trace", "token_index", "token", "motif"));
        cols.addAll(EVIDENCE_COLUMNS);
        for (ExitCriterion c : ExitCriterion.values()) cols.add(exitColumn(c));
        cols.addAll(List.of("final_distance", "relative_final_distance", "reference"));
        return List.copyOf(cols);
    }

    public static void writeCsv(Path target, List<TraceReport> reports) throws IOException {
        List<String> columns = columns();
        ExportFile.write(target, out -> {
            Csv.row(out, columns);
            for (TraceReport r : reports) {
                for (int t = 0; t < r.tokens().size(); t++) {
                    Map<String, String> row = csvRow(r, t);
                    List<String> fields = new ArrayList<>(columns.size());
                    for (String c : columns) fields.add(row.get(c));
                    Csv.row(out, fields);
                }
            }
        });
    }

    /**
     * A JSON array with one object per token: trace, token_index, token, motif, evidence {…},
     * exit_steps {criterion: step or null for never}, unavailable_criteria {criterion: why},
     * final_distance, relative_final_distance, reference.
     */
    public static void writeJson(Path target, List<TraceReport> reports) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TraceReport r : reports) for (int t = 0; t < r.tokens().size(); t++) rows.add(jsonRow(r, t));
        ExportFile.write(target, out -> JSON.writeValue(out, rows));
    }

    private static Map<String, String> csvRow(TraceReport r, int t) {
        MotifResult m = r.motifs().get(t);
        TokenConvergence c = r.convergence().get(t);
        Map<String, String> row = new LinkedHashMap<>();
        row.put("trace", r.source());
        row.put("token_index", Integer.toString(t));
        row.put("token", r.tokens().get(t));
        row.put("motif", m.motif().id());
        m.evidence().summary().forEach((k, v) -> row.put(k, cell(v)));
        for (CriterionSteps s : r.exitSteps().values()) {
            row.put(exitColumn(s.criterion()), !s.available() ? UNAVAILABLE : cell(s.steps().get(t)));
        }
        row.put("final_distance", Csv.number(c.finalDistance()));
        row.put("relative_final_distance", Csv.number(c.relativeFinalDistance()));
        row.put("reference", r.reference());
        return row;
    }

    private static Map<String, Object> jsonRow(TraceReport r, int t) {
        MotifResult m = r.motifs().get(t);
        TokenConvergence c = r.convergence().get(t);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("trace", r.source());
        row.put("token_index", t);
        row.put("token", r.tokens().get(t));
        row.put("motif", m.motif().id());
        Map<String, Object> evidence = new LinkedHashMap<>();
        m.evidence().summary().forEach((k, v) -> evidence.put(k, v instanceof Double d ? ReportJson.finite(d) : v));
        row.put("evidence", evidence);
        Map<String, Object> exits = new LinkedHashMap<>();
        Map<String, Object> unavailable = new LinkedHashMap<>();
        for (CriterionSteps s : r.exitSteps().values()) {
            if (s.available()) exits.put(s.criterion().id(), s.steps().get(t));
            else unavailable.put(s.criterion().id(), s.unavailable());
        }
        row.put("exit_steps", exits);
        row.put("unavailable_criteria", unavailable);
        row.put("final_distance", ReportJson.finite(c.finalDistance()));
        row.put("relative_final_distance", ReportJson.finite(c.relativeFinalDistance()));
        row.put("reference", r.reference());
        return row;
    }

    private static String cell(Object v) {
        if (v == null) return null;
        if (v instanceof Double d) return Csv.number(d);
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder();
            for (double x : a) sb.append(sb.isEmpty() ? "" : ";").append(Csv.number(x));
            return sb.toString();
        }
        return v.toString();
    }
}
