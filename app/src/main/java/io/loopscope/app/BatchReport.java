package io.loopscope.app;

import io.loopscope.analysis.batch.BatchSummary;
import io.loopscope.analysis.convergence.ExitDifference;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** {@code analyze --batch DIR}: per category, the steps-to-exit histogram (as the Huginn paper draws it) and the motif census. */
final class BatchReport {
    static final String FIGURE = "exit-steps.png";

    private BatchReport() {
    }

    static void run(Path dir, String criterion, PrintWriter out) throws IOException {
        BatchSummary s = BatchSummary.read(dir, criterion);
        out.printf(Locale.ROOT, "%s: %s exit at its batch threshold, per category%n", dir, criterion);
        TreeSet<String> motifs = new TreeSet<>();
        s.categories().values().forEach(c -> motifs.addAll(c.motifs().keySet()));
        Map<String, ExitDifference> ks = s.againstTheRest();
        StringBuilder head = new StringBuilder("| category | positions | mean exit step | never |");
        if (!ks.isEmpty()) head.append(" KS D vs the rest | p |");
        for (String m : motifs) head.append(' ').append(m).append(" |");
        head.append(" answers right |");
        out.println(head);
        out.println("|---|---:|---:|---:|" + (ks.isEmpty() ? "" : "---:|---:|") + "---:|".repeat(motifs.size()) + "---:|");
        for (Map.Entry<String, BatchSummary.Category> e : s.categories().entrySet()) {
            BatchSummary.Category c = e.getValue();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %.2f | %d |", e.getKey().isEmpty() ? "(none)" : e.getKey(),
                    c.positions(), c.meanExitStep(), c.never()));
            ExitDifference d = ks.get(e.getKey());
            if (d != null) row.append(String.format(Locale.ROOT, " %.3f | %.2g |", d.statistic(), d.pValue()));
            for (String m : motifs) row.append(' ').append(c.motifs().getOrDefault(m, 0)).append(" |");
            row.append(c.labelled() == 0 ? " – |" : String.format(Locale.ROOT, " %d/%d |", c.correct(), c.labelled()));
            out.println(row);
        }
        if (!ks.isEmpty()) {
            out.println("KS: two-sample Kolmogorov–Smirnov test (Smile) of each category's exit steps against all other categories"
                    + " together; never-exited positions count as later than every step; p is conservative for integer steps.");
        }
        Path figure = (Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent()).resolve(FIGURE);
        write(s, figure);
        out.println("figure: " + figure.toAbsolutePath());
    }

    /** One line per category: the share of its positions whose exit first fires at each step. */
    static void write(BatchSummary s, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, BatchSummary.Category> e : s.categories().entrySet()) {
            XYSeries series = new XYSeries(e.getKey().isEmpty() ? "(none)" : e.getKey(), true, false);
            double n = e.getValue().positions();
            e.getValue().exitSteps().forEach((step, count) -> series.add(step.doubleValue(), count / n));
            data.addSeries(series);
        }
        NumberAxis x = new NumberAxis("steps to exit (" + s.criterion() + ")");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("share of positions");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) renderer.setSeriesStroke(i, new BasicStroke(2f));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Steps to exit per category", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        io.loopscope.inference.io.AtomicFile.write(file, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1000, 600));
    }
}
