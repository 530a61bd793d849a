package io.loopscope.ui.chart;

import io.loopscope.ui.colour.Viridis;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/** Viridis as a jfreechart paint scale over [lower, upper] (steps, or log10 distances). */
final class ViridisScale implements PaintScale {
    private final double lower, upper;
    private final java.awt.Color[] table = new java.awt.Color[256]; // pre-computed: the heatmap asks once per cell

    ViridisScale(double lower, double upper) {
        this(lower, upper, 0);
    }

    /** floor: the colour-map position of lower (see {@link ChartStyle#viridisFloor()}). */
    ViridisScale(double lower, double upper, double floor) {
        this.lower = lower;
        this.upper = upper > lower ? upper : lower + 1;
        for (int i = 0; i < table.length; i++) table[i] = Viridis.awt(floor + (1 - floor) * i / 255.0);
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) return java.awt.Color.LIGHT_GRAY;
        double t = (value - lower) / (upper - lower);
        return table[(int) Math.round(Math.max(0, Math.min(1, t)) * 255)];
    }
}
