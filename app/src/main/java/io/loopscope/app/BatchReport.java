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

    /** Okabe–Ito, as the workbench's series colours: told apart with any colour vision. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x8C8C8C), new Color(0xF0E442)};
    static final String HARDER = " harder";

    /**
     * One line per category: the share of its positions whose exit first fires at each step. A task's
     * in-distribution and harder categories ("sum", "sum harder") share a colour, the harder one dashed,
     * so ten lines read as five pairs.
     */
    static void write(BatchSummary s, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        java.util.List<String> families = new java.util.ArrayList<>();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        BasicStroke solid = new BasicStroke(2f), dashed = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f);
        for (Map.Entry<String, BatchSummary.Category> e : s.categories().entrySet()) {
            String name = e.getKey().isEmpty() ? "(none)" : e.getKey();
            XYSeries series = new XYSeries(name, true, false);
            double n = e.getValue().positions();
            e.getValue().exitSteps().forEach((step, count) -> series.add(step.doubleValue(), count / n));
            int i = data.getSeriesCount();
            data.addSeries(series);
            boolean harder = name.endsWith(HARDER);
            String family = harder ? name.substring(0, name.length() - HARDER.length()) : name;
            if (!families.contains(family)) families.add(family);
            renderer.setSeriesPaint(i, PALETTE[families.indexOf(family) % PALETTE.length]);
            renderer.setSeriesStroke(i, harder ? dashed : solid);
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
        NumberAxis x = new NumberAxis("steps to exit (" + s.criterion() + ")");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("share of positions");
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Steps to exit per category", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        io.loopscope.inference.io.AtomicFile.write(file, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1000, 600));
    }
}
