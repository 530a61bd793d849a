package io.loopscope.ui.chart;

import io.loopscope.ui.chart.GeneratedSteps.Bar;
import io.loopscope.ui.colour.Viridis;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Huginn paper's figure of adaptive compute: one bar per generated token, as high as the loop
 * iterations it ran before its exit criterion fired, coloured as its chip (viridis from the fewest
 * to the most), with a line at R — what every token costs without an exit. Selected tokens' bars
 * are outlined. The line under the title gives the total against the fixed-R cost.
 */
public final class StepsChart {
    /** More bars than this get vertical labels, so neighbours do not overlap. */
    private static final int HORIZONTAL_LABELS = 16;
    private final JFreeChart chart;
    private final XYPlot plot;
    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final Renderer renderer = new Renderer();
    private final TextTitle summary = new TextTitle("");
    private ChartStyle style;
    private GeneratedSteps data;
    private Set<Integer> selected = Set.of();

    public StepsChart(ChartStyle style) {
        this.style = style;
        NumberAxis steps = new NumberAxis("iterations run");
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        renderer.setBarPainter(new StandardXYBarPainter()); // flat bars: gradients would read as a second scale
        renderer.setShadowVisible(false);
        renderer.setMargin(0.2);
        renderer.setDrawBarOutline(true);
        renderer.setDefaultToolTipGenerator((d, s, item) -> {
            Bar b = data == null || item >= data.bars().size() ? null : data.bars().get(item);
            return b == null ? null : String.format(Locale.ROOT, "%s: %d of %d iterations", b.label(), b.steps(), data.iterations());
        });
        plot = new XYPlot(dataset, new SymbolAxis("generated token", new String[0]), steps, renderer);
        plot.setDomainGridlinesVisible(false);
        chart = new JFreeChart(null, ChartStyle.TITLE, plot, false);
        summary.setFont(ChartStyle.LABEL);
        summary.setPosition(RectangleEdge.TOP);
        chart.addSubtitle(summary);
        style.apply(chart);
    }

    public JFreeChart chart() {
        return chart;
    }

    public void setStyle(ChartStyle s) {
        style = s;
        style.apply(chart);
        if (data != null) setData(data, List.copyOf(selected));
    }

    /** The bars of d (null: empty), with the bars of the selected positions outlined. */
    public void setData(GeneratedSteps d, List<Integer> selectedPositions) {
        this.data = d;
        this.selected = Set.copyOf(selectedPositions);
        chart.setNotify(false);
        try {
            dataset.removeAllSeries();
            plot.clearRangeMarkers();
            if (d == null) {
                chart.setTitle((String) null);
                summary.setText("");
                return;
            }
            XYSeries s = new XYSeries("iterations", false, false);
            String[] labels = new String[d.bars().size()];
            for (int i = 0; i < labels.length; i++) {
                Bar b = d.bars().get(i);
                s.add(i, b.steps());
                labels[i] = b.label();
            }
            dataset.addSeries(s);
            SymbolAxis x = new SymbolAxis("generated token (fed back; the last one never is)", labels);
            x.setGridBandsVisible(false);
            x.setVerticalTickLabels(labels.length > HORIZONTAL_LABELS);
            x.setRange(-0.5, Math.max(0.5, labels.length - 0.5));
            plot.setDomainAxis(x);
            plot.getRangeAxis().setRange(0, d.iterations() * 1.12 + 0.5); // room for the R line's label
            ValueMarker r = new ValueMarker(d.iterations(), style.marker(), new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
            r.setLabel("R = " + d.iterations() + " (fixed cost per token)");
            r.setLabelFont(ChartStyle.TICK);
            r.setLabelPaint(style.text());
            r.setLabelBackgroundColor(new Color(0, 0, 0, 0)); // a grey box would hide the gridline it labels
            r.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            r.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(r);
            chart.setTitle("Iterations per generated token · exit " + d.exit());
            summary.setText("used " + d.cost()); // the long summary line does not fit a 7-inch figure; the bars show the tokens
            style.apply(chart);
            chart.getTitle().setFont(ChartStyle.TITLE);
            summary.setFont(ChartStyle.LABEL);
        } finally {
            chart.setNotify(true);
        }
    }

    /** Each bar in its chip's colour; selected bars outlined in the theme's marker colour. */
    private final class Renderer extends XYBarRenderer {
        @Override
        public Paint getItemPaint(int row, int column) {
            if (data == null || column >= data.bars().size()) return Color.GRAY;
            double floor = style.viridisFloor();
            return Viridis.awt(floor + (1 - floor) * data.scale(data.bars().get(column).steps()));
        }

        @Override
        public Paint getItemOutlinePaint(int row, int column) {
            return isSelected(column) ? style.marker() : new Color(0, 0, 0, 0);
        }

        @Override
        public Stroke getItemOutlineStroke(int row, int column) {
            return new BasicStroke(isSelected(column) ? 3f : 0f);
        }

        private boolean isSelected(int column) {
            return data != null && column < data.bars().size() && selected.contains(data.bars().get(column).position());
        }
    }
}
