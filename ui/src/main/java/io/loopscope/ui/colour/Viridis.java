package io.loopscope.ui.colour;

import javafx.scene.paint.Color;

/**
 * The viridis colour map (perceptually uniform, readable in grey and by most colour-blind readers),
 * interpolated between 16 anchors of matplotlib's table. Used for "step" everywhere, so early steps
 * are dark purple and late ones yellow in every view.
 */
public final class Viridis {
    private static final double[][] ANCHORS = {
            {0.267004, 0.004874, 0.329415},
            {0.282327, 0.094955, 0.417331},
            {0.278826, 0.175490, 0.483397},
            {0.258965, 0.251537, 0.524736},
            {0.229739, 0.322361, 0.545706},
            {0.199430, 0.387607, 0.554642},
            {0.172719, 0.448791, 0.557885},
            {0.149039, 0.508051, 0.557250},
            {0.127568, 0.566949, 0.550556},
            {0.120638, 0.625828, 0.533488},
            {0.157851, 0.683765, 0.501686},
            {0.246070, 0.738910, 0.452024},
            {0.369214, 0.788888, 0.382914},
            {0.515992, 0.831158, 0.294279},
            {0.678489, 0.863742, 0.189503},
            {0.993248, 0.906157, 0.143936}};

    private Viridis() {
    }

    /** RGB in 0..1 at t in 0..1 (clamped; NaN gives mid-grey). */
    public static double[] rgb(double t) {
        if (Double.isNaN(t)) return new double[] {0.6, 0.6, 0.6};
        double x = Math.max(0, Math.min(1, t)) * (ANCHORS.length - 1);
        int i = Math.min((int) Math.floor(x), ANCHORS.length - 2);
        double f = x - i;
        double[] a = ANCHORS[i], b = ANCHORS[i + 1];
        return new double[] {a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])};
    }

    public static Color fx(double t) {
        double[] c = rgb(t);
        return Color.color(c[0], c[1], c[2]);
    }

    public static java.awt.Color awt(double t) {
        double[] c = rgb(t);
        return new java.awt.Color((float) c[0], (float) c[1], (float) c[2]);
    }

    /** Position of step in 0..lastStep as a colour-map coordinate. */
    public static double ofStep(int step, int lastStep) {
        return lastStep <= 0 ? 1 : step / (double) lastStep;
    }
}
