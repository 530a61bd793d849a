package io.loopscope.ui.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

/**
 * Chart colours and fonts for the light and dark themes. jfreechart paints with AWT and ignores the
 * scene's CSS, so every chart is styled here when built and again when the theme changes.
 */
public final class ChartStyle {
    public static final Font LABEL = new Font("SansSerif", Font.PLAIN, 12);
    public static final Font TICK = new Font("SansSerif", Font.PLAIN, 11);
    public static final Font TITLE = new Font("SansSerif", Font.BOLD, 13);

    static {
        // jfreechart draws rotated labels (every vertical axis title) as glyph outlines by default, a
        // workaround for rendering bugs of 2005-era JDKs. With it, SVG and PDF exports would carry
        // those labels as shapes instead of text; modern Java2D, FXGraphics2D, JFreeSVG and OrsonPDF
        // all rotate drawString correctly.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private final boolean dark;

    private ChartStyle(boolean dark) {
        this.dark = dark;
    }

    public static ChartStyle of(boolean dark) {
        return new ChartStyle(dark);
    }

    public boolean dark() {
        return dark;
    }

    public Color background() {
        return dark ? new Color(0x2b2d31) : Color.WHITE;
    }

    public Color plotBackground() {
        return dark ? new Color(0x1e1f22) : new Color(0xfafafa);
    }

    public Color text() {
        return dark ? new Color(0xdfe1e5) : new Color(0x222222);
    }

    public Color grid() {
        return dark ? new Color(0x45474d) : new Color(0xdddddd);
    }

    /** Markers that must stand out on both viridis ends (dark purple, yellow). */
    public Color marker() {
        return dark ? Color.WHITE : Color.BLACK;
    }

    /**
     * Where the step colour map starts: viridis' darkest purples vanish on a dark plot, so the dark
     * theme uses the map from 25% on (still monotone in lightness, still readable in grey).
     */
    public double viridisFloor() {
        return dark ? 0.25 : 0;
    }

    public void apply(JFreeChart chart) {
        chart.setBackgroundPaint(background());
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(text());
            chart.getTitle().setFont(TITLE);
        }
        for (Object o : chart.getSubtitles()) styleTitle((Title) o);
        stylePlot(chart.getPlot());
    }

    private void styleTitle(Title t) {
        if (t instanceof LegendTitle l) {
            l.setBackgroundPaint(background());
            l.setItemPaint(text());
            l.setItemFont(TICK);
        } else if (t instanceof PaintScaleLegend p) {
            p.setBackgroundPaint(background());
            styleAxis(p.getAxis());
        } else if (t instanceof TextTitle tt) {
            tt.setPaint(text());
        }
    }

    private void stylePlot(Plot plot) {
        plot.setBackgroundPaint(plotBackground());
        plot.setOutlinePaint(grid());
        if (plot instanceof CombinedDomainXYPlot c) {
            styleAxis(c.getDomainAxis());
            for (XYPlot sub : c.getSubplots()) stylePlot(sub);
        } else if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid());
            xy.setRangeGridlinePaint(grid());
            xy.setDomainGridlineStroke(new BasicStroke(0.6f));
            xy.setRangeGridlineStroke(new BasicStroke(0.6f));
            for (int i = 0; i < xy.getDomainAxisCount(); i++) styleAxis(xy.getDomainAxis(i));
            for (int i = 0; i < xy.getRangeAxisCount(); i++) styleAxis(xy.getRangeAxis(i));
        } else if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(grid());
            cp.setRangeGridlineStroke(new BasicStroke(0.6f));
            styleAxis(cp.getDomainAxis());
            for (int i = 0; i < cp.getRangeAxisCount(); i++) styleAxis(cp.getRangeAxis(i));
        }
    }

    private void styleAxis(Axis a) {
        if (a == null) return;
        a.setLabelPaint(text());
        a.setTickLabelPaint(text());
        a.setAxisLinePaint(grid());
        a.setTickMarkPaint(grid());
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
    }
}
