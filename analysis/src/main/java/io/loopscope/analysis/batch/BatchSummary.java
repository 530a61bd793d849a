package io.loopscope.analysis.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.loopscope.analysis.export.Csv;
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
     * @param exitSteps step → positions whose exit fired first there
     * @param never     positions whose exit never fired
     * @param motifs    motif → positions
     * @param correct   labelled answers right, of labelled
     */
    public record Category(Map<Integer, Integer> exitSteps, int never, Map<String, Integer> motifs, int correct, int labelled) {
        public int positions() {
            return exitSteps.values().stream().mapToInt(Integer::intValue).sum() + never;
        }

        public double meanExitStep() {
            long sum = 0, n = 0;
            for (var e : exitSteps.entrySet()) {
                sum += (long) e.getKey() * e.getValue();
                n += e.getValue();
            }
            return n == 0 ? Double.NaN : sum / (double) n;
        }
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
        Map<String, Map<Integer, Integer>> steps = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();         // never, correct, labelled
        Map<String, Map<String, Integer>> motifs = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = lines.get(i);
            if (f.size() != header.size()) throw new IOException(file + " row " + (i + 1) + " has " + f.size() + " fields, the header " + header.size());
            String c = f.get(cat);
            steps.computeIfAbsent(c, k -> new TreeMap<>());
            int[] n = counts.computeIfAbsent(c, k -> new int[3]);
            motifs.computeIfAbsent(c, k -> new TreeMap<>()).merge(f.get(motif), 1, Integer::sum);
            if (f.get(exit).isEmpty()) n[0]++;
            else {
                try {
                    steps.get(c).merge(Integer.parseInt(f.get(exit)), 1, Integer::sum);
                } catch (NumberFormatException e) {
                    throw new IOException(file + " row " + (i + 1) + ": " + column + " is not a step: '" + f.get(exit) + "'");
                }
            }
            if (!f.get(correct).isEmpty()) {
                n[2]++;
                if (f.get(correct).equals("true")) n[1]++;
            }
        }
        Map<String, Category> out = new LinkedHashMap<>();
        for (String c : steps.keySet()) {
            int[] n = counts.get(c);
            out.put(c, new Category(steps.get(c), n[0], motifs.get(c), n[1], n[2]));
        }
        return new BatchSummary(criterion, out);
    }
}
