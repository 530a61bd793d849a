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
            if (s.hasEnd() && s.harderEnded().length != recurrences.length) {
                throw new IllegalArgumentException("every end curve needs one accuracy per r (" + recurrences.length + ")");
            }
        }
    }

    /**
     * Accuracies in [0, 1], one per r; the ended curves (answered and then ended by an end marker)
     * are empty for a model without one.
     */
    public record TaskScores(Range trainingRange, Range harderRange, double[] inDistribution, double[] harder,
                             double[] inDistributionEnded, double[] harderEnded) {
        public TaskScores {
            inDistribution = inDistribution.clone();
            harder = harder.clone();
            inDistributionEnded = inDistributionEnded.clone();
            harderEnded = harderEnded.clone();
            if (inDistributionEnded.length != harderEnded.length) throw new IllegalArgumentException("both ranges need an end curve, or neither");
        }

        public TaskScores(Range trainingRange, Range harderRange, double[] inDistribution, double[] harder) {
            this(trainingRange, harderRange, inDistribution, harder, new double[0], new double[0]);
        }

        public boolean hasEnd() {
            return inDistributionEnded.length > 0;
        }
    }

    /** Whether the model has an end marker (then every task has end curves). */
    public boolean hasEnd() {
        return !tasks.isEmpty() && tasks.values().stream().allMatch(TaskScores::hasEnd);
    }

    /**
     * {"tasks": {TASK: {"in_distribution": {"1": acc, …}, "harder": {…}, "ended": {"in_distribution": …,
     * "harder": …}}}, "samples": n}; "ended" only for a model with an end marker.
     */
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
            if (s.hasEnd()) {
                ObjectNode ended = t.putObject("ended");
                ObjectNode endIn = ended.putObject("in_distribution"), endHard = ended.putObject("harder");
                for (int i = 0; i < recurrences.length; i++) {
                    endIn.put(Integer.toString(recurrences[i]), s.inDistributionEnded()[i]);
                    endHard.put(Integer.toString(recurrences[i]), s.harderEnded()[i]);
                }
            }
        });
        root.put("samples", samples);
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Markdown table of answer accuracy: one row per task and range, one column per r. */
    public String table() {
        StringBuilder out = header();
        tasks.forEach((name, s) -> {
            row(out, name, "in-distribution " + s.trainingRange(), s.inDistribution());
            row(out, name, "harder " + s.harderRange(), s.harder());
        });
        return out.toString();
    }

    /** The same table for "answered, then ended"; empty when the model has no end marker. */
    public String endTable() {
        if (!hasEnd()) return "";
        StringBuilder out = header();
        tasks.forEach((name, s) -> {
            row(out, name, "in-distribution " + s.trainingRange(), s.inDistributionEnded());
            row(out, name, "harder " + s.harderRange(), s.harderEnded());
        });
        return out.toString();
    }

    private StringBuilder header() {
        StringBuilder out = new StringBuilder("| task | range |");
        for (int r : recurrences) out.append(" r=").append(r).append(" |");
        out.append("\n|---|---|");
        out.append("---:|".repeat(recurrences.length)).append('\n');
        return out;
    }

    private static void row(StringBuilder out, String task, String range, double[] acc) {
        out.append("| ").append(task).append(" | ").append(range).append(" |");
        for (double a : acc) out.append(String.format(Locale.ROOT, " %.2f |", a));
        out.append('\n');
    }
}
