package io.loopscope.ui.chart;

import io.loopscope.analysis.compare.Census;
import io.loopscope.analysis.compare.Comparison;
import io.loopscope.analysis.compare.ComparisonSettings;
import io.loopscope.analysis.compare.ModelResult;
import io.loopscope.analysis.motif.Motif;
import io.loopscope.ui.colour.Colours;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The three figures of {@code compare-models}, one colour per model throughout: accuracy against
 * loop iterations (in-distribution above, harder below, on one log₂ r axis), the motif census as
 * bars on a log axis, and each model's steps-to-exit histogram. Every number is the analysis's
 * ({@link Comparison}); these only draw them.
 */
public final class ComparisonCharts {
    private static final NumberFormat PERCENT = NumberFormat.getPercentInstance(Locale.ROOT);

    private ComparisonCharts() {
    }

    /** The mean accuracy over the suite's tasks against r, per model; a dashed line at each model's training mean r̄. */
    public static JFreeChart accuracy(Comparison c, ChartStyle style) {
        LogAxis r = new LogAxis("loop iterations r (log scale)");
        r.setBase(2);
        r.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        r.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
        int last = c.models().stream().mapToInt(ModelResult::farRecurrence).max().orElse(1);
        r.setRange(0.85, last * 1.18);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(r);
        combined.setGap(14);
        XYPlot in = accuracyPanel(c, "in-distribution accuracy", true);
        XYPlot harder = accuracyPanel(c, "harder (held out) accuracy", false);
        combined.add(in, 1);
        combined.add(harder, 1);
        JFreeChart chart = new JFreeChart("Accuracy vs loop iterations · mean over tasks", ChartStyle.TITLE, combined, true);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        chart.addSubtitle(1, subtitle(c.settings().samples() + " held-out examples per task and range; dashed: the training mean " + meanList(c)));
        style.apply(chart);
        for (XYPlot p : List.of(in, harder)) meanRecurrenceMarkers(c, p, style);
        return chart;
    }

    private static XYPlot accuracyPanel(Comparison c, String label, boolean inDistribution) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int k = 0; k < c.models().size(); k++) {
            ModelResult m = c.models().get(k);
            XYSeries s = new XYSeries(m.name(), false, true);
            int[] rs = m.accuracy().recurrences();
            List<Double> acc = inDistribution ? m.accuracy().meanInDistribution() : m.accuracy().meanHarder();
            for (int i = 0; i < rs.length; i++) s.add(rs[i], acc.get(i));
            data.addSeries(s);
            renderer.setSeriesPaint(k, modelColour(k));
            renderer.setSeriesStroke(k, new BasicStroke(2f));
            renderer.setSeriesShape(k, new Ellipse2D.Double(-3, -3, 6, 6));
            renderer.setSeriesVisibleInLegend(k, inDistribution); // the same models below: one legend
        }
        NumberAxis y = new NumberAxis(label);
        y.setRange(0, 1.04);
        y.setTickUnit(new NumberTickUnit(0.2, new java.text.DecimalFormat("0.0", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return new XYPlot(data, null, y, renderer);
    }

    /** A dashed line at each training mean; unlabelled (a label inside the plot would sit on some curve), the subtitle names them. */
    private static void meanRecurrenceMarkers(Comparison c, XYPlot plot, ChartStyle style) {
        for (int mean : new TreeSet<>(c.models().stream().map(ModelResult::meanRecurrence).toList())) {
            plot.addDomainMarker(new ValueMarker(mean, style.marker(), new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1,
                    new float[] {5, 4}, 0)));
        }
    }

    /** "r̄ = 8", or "r̄ = 8 (embedded), 2 (random)" when the models differ. */
    private static String meanList(Comparison c) {
        if (c.models().stream().map(ModelResult::meanRecurrence).distinct().count() == 1) return "r̄ = " + c.models().getFirst().meanRecurrence();
        return "r̄ = " + String.join(", ", c.models().stream().map(m -> m.meanRecurrence() + " (" + m.name() + ")").toList());
    }

    /**
     * Positions of each motif per model, bars on a log axis (a model's few orbits beside its
     * thousands of fixed points), each labelled with its count; a motif a model never shows has no bar.
     */
    public static JFreeChart census(Comparison c, ChartStyle style) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int max = 1;
        for (ModelResult m : c.models()) {
            for (Motif motif : Motif.values()) {
                int n = m.census().counts().get(motif);
                data.addValue(n > 0 ? Integer.valueOf(n) : null, m.name() + " (R = " + m.censusIterations() + ")", motif.id()); // log axis: 0 has no place, so no bar
                max = Math.max(max, n);
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setBase(0.5); // bars rise from below 1, so a single position still shows
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", NumberFormat.getIntegerInstance(Locale.ROOT)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.TICK);
        renderer.setDefaultItemLabelPaint(style.text());
        for (int k = 0; k < c.models().size(); k++) renderer.setSeriesPaint(k, modelColour(k));
        LogAxis y = new LogAxis("token positions (log scale)");
        y.setBase(10);
        y.setSmallestValue(0.5);
        y.setRange(0.5, max * 4.0); // room above the tallest bar for its label
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("motif of the trajectory"), y, renderer);
        plot.setRangeGridlinesVisible(true);
        JFreeChart chart = new JFreeChart("Motif census at R = " + ComparisonSettings.FAR + "·r̄", ChartStyle.TITLE, plot, true);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        ModelResult first = c.models().getFirst();
        chart.addSubtitle(1, subtitle(first.censusPrompts() + " task prompts (" + c.settings().censusSamples()
                + " per difficulty, training and harder), every position; no bar: none"));
        style.apply(chart);
        return chart;
    }

    /** Per model, the share of census positions that first pass the KL exit at each step; the share that never does in its corner. */
    public static JFreeChart exits(Comparison c, ChartStyle style) {
        NumberAxis step = new NumberAxis("steps to exit (" + ComparisonSettings.EXIT.id() + " < "
                + new LogTickFormat().format(ComparisonSettings.EXIT_THRESHOLD) + ")");
        step.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        int last = c.models().stream().mapToInt(ModelResult::censusIterations).max().orElse(1);
        step.setRange(0.5, last + 0.5);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(step);
        combined.setGap(10);
        for (int k = 0; k < c.models().size(); k++) combined.add(exitPanel(c.models().get(k), k, style), 1);
        JFreeChart chart = new JFreeChart("Steps to exit per model", ChartStyle.TITLE, combined, false);
        chart.addSubtitle(subtitle("census positions at R = " + ComparisonSettings.FAR + "·r̄ (solid line); dashed: the mean exit step"));
        style.apply(chart);
        return chart;
    }

    private static XYPlot exitPanel(ModelResult m, int k, ChartStyle style) {
        Census census = m.census();
        XYSeries s = new XYSeries(m.name(), true, false);
        census.exitShares().forEach((step, share) -> s.add(step.doubleValue(), share));
        XYBarRenderer renderer = new XYBarRenderer(0.1);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, modelColour(k));
        NumberAxis share = new NumberAxis(m.name());
        share.setNumberFormatOverride(PERCENT);
        share.setAutoRangeIncludesZero(true);
        share.setUpperMargin(0.35); // the corner note sits above the bars
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), null, share, renderer);
        if (census.exits().mean() != null) {
            plot.addDomainMarker(new ValueMarker(census.exits().mean(), style.marker(), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1, new float[] {5, 4}, 0)));
        }
        // where this model's run ended (solid, named in the note): past it nothing can exit, so its bars stop there
        plot.addDomainMarker(new ValueMarker(m.censusIterations() + 0.5, style.grid().darker(), new BasicStroke(1.5f)));
        TextTitle note = new TextTitle(String.format(Locale.ROOT, "%s · R = %d · %d positions · mean %s · median %s · never exit %.1f %%", m.name(),
                m.censusIterations(), census.positions(), census.exits().mean() == null ? "–" : String.format(Locale.ROOT, "%.1f", census.exits().mean()),
                census.exits().median() == null ? "–" : String.format(Locale.ROOT, "%.1f", census.exits().median()),
                100 * census.neverShare()), ChartStyle.TICK);
        note.setPaint(style.text());
        note.setBackgroundPaint(style.plotBackground()); // lines at the mean or at R pass under the note, not through it
        plot.addAnnotation(new XYTitleAnnotation(0.99, 0.97, note, RectangleAnchor.TOP_RIGHT));
        return plot;
    }

    private static TextTitle subtitle(String text) {
        TextTitle t = new TextTitle(text, ChartStyle.LABEL);
        t.setPosition(RectangleEdge.TOP);
        return t;
    }

    private static Color modelColour(int k) {
        return Colours.awt(Colours.series(k));
    }
}
