package io.loopscope.analysis.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.loopscope.analysis.convergence.ExitDifference;
import io.loopscope.analysis.convergence.ExitDistribution;
import io.loopscope.analysis.export.Csv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch's summary.csv read back, grouped by category: the Huginn paper's steps-to-exit histogram
 * (how many positions first pass the exit test at each step; "never" counted apart) and the motif
 * census of each category.
 *
 * @param criterion  the exit column the histograms count (e.g. "kl")
 * @param categories category → its counts, in the order the table lists them
 */
public record BatchSummary(String criterion, Map<String, Category> categories) {

    /**
     * @param exits   the exit steps of its positions (histogram, never, mean, median)
     * @param motifs  motif → positions
     * @param correct labelled answers right, of labelled
     */
    public record Category(ExitDistribution exits, Map<String, Integer> motifs, int correct, int labelled) {
        /** step → positions whose exit fired first there */
        public Map<Integer, Integer> exitSteps() {
            return exits.counts();
        }

        /** positions whose exit never fired */
        public int never() {
            return exits.never();
        }

        public int positions() {
            return exits.tokens();
        }

        public double meanExitStep() {
            return exits.mean() == null ? Double.NaN : exits.mean();
        }
    }

    /**
     * Per category, whether its exit steps differ from those of all other categories together
     * (two-sample Kolmogorov–Smirnov); empty when the table has fewer than two categories.
     */
    public Map<String, ExitDifference> againstTheRest() {
        Map<String, ExitDifference> out = new LinkedHashMap<>();
        if (categories.size() < 2) return out;
        categories.forEach((name, c) -> {
            List<ExitDistribution> rest = new ArrayList<>();
            categories.forEach((other, o) -> {
                if (!other.equals(name)) rest.add(o.exits());
            });
            out.put(name, ExitDifference.between(c.exits(), ExitDistribution.pooled(rest)));
        });
        return out;
    }

    /** Reads DIR/summary.csv; IOException naming the file and line on anything it cannot read. */
    public static BatchSummary read(Path dir, String criterion) throws IOException {
        Path file = Files.isDirectory(dir) ? dir.resolve(BatchRunner.SUMMARY) : dir;
        if (!Files.isRegularFile(file)) throw new IOException("no " + BatchRunner.SUMMARY + " in " + dir + ": run loopscope batch into it first (or let it finish)");
        List<List<String>> lines = Csv.parse(Files.readString(file));
        if (lines.isEmpty()) throw new IOException(file + " is empty");
        List<String> header = lines.getFirst();
        String column = "exit_" + criterion.replace('-', '_');
        int cat = header.indexOf("category"), exit = header.indexOf(column), motif = header.indexOf("motif"), correct = header.indexOf("correct");
        if (cat < 0 || motif < 0 || correct < 0) throw new IOException(file + " is not a batch summary (its header is " + header + ")");
        if (exit < 0) throw new IOException(file + " has no column " + column + "; its exit columns: "
                + header.stream().filter(h -> h.startsWith("exit_")).toList());
        Map<String, List<Integer>> steps = new LinkedHashMap<>();   // null: never
        Map<String, int[]> counts = new LinkedHashMap<>();         // correct, labelled
        Map<String, Map<String, Integer>> motifs = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = lines.get(i);
            if (f.size() != header.size()) throw new IOException(file + " row " + (i + 1) + " has " + f.size() + " fields, the header " + header.size());
            String c = f.get(cat);
            List<Integer> exits = steps.computeIfAbsent(c, k -> new ArrayList<>());
            int[] n = counts.computeIfAbsent(c, k -> new int[2]);
            motifs.computeIfAbsent(c, k -> new TreeMap<>()).merge(f.get(motif), 1, Integer::sum);
            if (f.get(exit).isEmpty()) exits.add(null);
            else {
                try {
                    exits.add(Integer.parseInt(f.get(exit)));
                } catch (NumberFormatException e) {
                    throw new IOException(file + " row " + (i + 1) + ": " + column + " is not a step: '" + f.get(exit) + "'");
                }
            }
            if (!f.get(correct).isEmpty()) {
                n[1]++;
                if (f.get(correct).equals("true")) n[0]++;
            }
        }
        Map<String, Category> out = new LinkedHashMap<>();
        for (String c : steps.keySet()) {
            int[] n = counts.get(c);
            out.put(c, new Category(ExitDistribution.of(steps.get(c)), motifs.get(c), n[0], n[1]));
        }
        return new BatchSummary(criterion, out);
    }
}
