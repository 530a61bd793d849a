package io.loopscope.ui.colour;

import javafx.scene.paint.Color;

/** Conversions between JavaFX and AWT colours (jfreechart paints with AWT) and a few shared helpers. */
public final class Colours {
    private Colours() {
    }

    public static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
    }

    public static String css(Color c) {
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }

    /** Black or white, whichever reads better on the background (WCAG relative luminance). */
    public static Color textOn(Color bg) {
        double l = 0.2126 * lin(bg.getRed()) + 0.7152 * lin(bg.getGreen()) + 0.0722 * lin(bg.getBlue());
        return l > 0.36 ? Color.BLACK : Color.WHITE;
    }

    private static double lin(double c) {
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Distinct hues for several selected tokens in line charts (Okabe–Ito, then repeats). */
    private static final String[] SERIES = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C8C8C"};

    public static Color series(int i) {
        return Color.web(SERIES[Math.floorMod(i, SERIES.length)]);
    }
}
