package io.loopscope.ui.colour;

import javafx.scene.paint.Color;

/**
 * One colour per motif, from the Okabe–Ito palette (distinguishable by colour-blind readers);
 * diverging is the loud red, "other" a quiet grey.
 */
public final class MotifColours {
    private MotifColours() {
    }

    public static Color of(String motif) {
        return switch (motif == null ? "" : motif) {
            case "fixed-point" -> Color.web("#0072B2");
            case "orbit" -> Color.web("#E69F00");
            case "slider" -> Color.web("#009E73");
            case "diverging" -> Color.web("#D55E00");
            default -> Color.web("#999999");
        };
    }

    public static final String[] LABELS = {"fixed-point", "orbit", "slider", "diverging", "other"};

    public static java.awt.Color awt(String motif) {
        return Colours.awt(of(motif));
    }
}
