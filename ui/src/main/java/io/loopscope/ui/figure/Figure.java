package io.loopscope.ui.figure;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Objects;

/**
 * Something to draw into any Graphics2D — the screen's raster, a PNG, JFreeSVG or OrsonPDF — at a
 * logical size in points (1/72 inch). One object for every output, so a figure file shows what the
 * chart builders drew, not a second rendering of it.
 *
 * @param name   file name without extension, e.g. "trajectories-pc1-pc2"
 * @param width  logical width in points
 * @param height logical height in points
 * @param body   draws the figure into an area
 */
public record Figure(String name, double width, double height, Body body) {

    /** Draws into the given area of a Graphics2D. */
    @FunctionalInterface
    public interface Body {
        void draw(Graphics2D g2, Rectangle2D area);
    }

    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (!(width > 0 && height > 0)) throw new IllegalArgumentException("figure size must be positive, got " + width + " × " + height);
    }

    /** The same drawing at another logical size (layout adapts, as a resized window would). */
    public Figure withSize(double w, double h) {
        return new Figure(name, w, h, body);
    }

    public Figure withName(String n) {
        return new Figure(n, width, height, body);
    }

    public void draw(Graphics2D g2) {
        body.draw(g2, new Rectangle2D.Double(0, 0, width, height));
    }
}
