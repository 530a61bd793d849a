package io.loopscope.ui.view;

import io.loopscope.ui.chart.ChartStyle;
import javafx.scene.Scene;

/** Light and dark themes: a shared stylesheet plus one per theme, and the matching chart style. */
public final class Themes {
    public static final String LIGHT = "light", DARK = "dark";

    private Themes() {
    }

    public static void apply(Scene scene, String theme, WorkbenchContext ctx) {
        String t = DARK.equals(theme) ? DARK : LIGHT;
        scene.getStylesheets().setAll(
                Themes.class.getResource("/io/loopscope/ui/workbench.css").toExternalForm(),
                Themes.class.getResource("/io/loopscope/ui/" + t + ".css").toExternalForm());
        ctx.chartStyleProperty().set(ChartStyle.of(DARK.equals(t)));
        ctx.services().settings().saveTheme(t);
    }

    public static boolean isDark(Scene scene) {
        return scene.getStylesheets().stream().anyMatch(s -> s.endsWith("/dark.css"));
    }
}
