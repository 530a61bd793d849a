package io.loopscope.inference.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy per task, per range (in-distribution, harder) and per recurrence r.
 *
 * @param recurrences the r values evaluated, ascending
 * @param samples     examples per task and range
 * @param tasks       task name → its two accuracy curves (same order as recurrences)
 */
public record EvalReport(int[] recurrences, int samples, Map<String, TaskScores> tasks) {
    public EvalReport {
        recurrences = recurrences.clone();
        tasks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        for (TaskScores s : tasks.values()) {
            if (s.inDistribution().length != recurrences.length || s.harder().length != recurrences.length) {
                throw new IllegalArgumentException("every curve needs one accuracy per r (" + recurrences.length + ")");
            }
        }
    }

    /** Accuracies in [0, 1], one per r. */
    public record TaskScores(Range trainingRange, Range harderRange, double[] inDistribution, double[] harder) {
        public TaskScores {
            inDistribution = inDistribution.clone();
            harder = harder.clone();
        }
    }

    /** {"tasks": {TASK: {"in_distribution": {"1": acc, …}, "harder": {…}}}, "samples": n}. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode all = root.putObject("tasks");
        tasks.forEach((name, s) -> {
            ObjectNode t = all.putObject(name);
            ObjectNode in = t.putObject("in_distribution"), hard = t.putObject("harder");
            for (int i = 0; i < recurrences.length; i++) {
                in.put(Integer.toString(recurrences[i]), s.inDistribution()[i]);
                hard.put(Integer.toString(recurrences[i]), s.harder()[i]);
            }
        });
        root.put("samples", samples);
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Markdown table: one row per task and range, one column per r. */
    public String table() {
        StringBuilder out = new StringBuilder("| task | range |");
        for (int r : recurrences) out.append(" r=").append(r).append(" |");
        out.append("\n|---|---|");
        out.append("---:|".repeat(recurrences.length)).append('\n');
        tasks.forEach((name, s) -> {
            row(out, name, "in-distribution " + s.trainingRange(), s.inDistribution());
            row(out, name, "harder " + s.harderRange(), s.harder());
        });
        return out.toString();
    }

    private static void row(StringBuilder out, String task, String range, double[] acc) {
        out.append("| ").append(task).append(" | ").append(range).append(" |");
        for (double a : acc) out.append(String.format(Locale.ROOT, " %.2f |", a));
        out.append('\n');
    }
}
