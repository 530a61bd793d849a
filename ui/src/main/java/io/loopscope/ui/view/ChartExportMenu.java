package io.loopscope.ui.view;

import io.loopscope.ui.figure.Figure;
import java.util.function.Supplier;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.jfree.chart.fx.ChartViewer;

/**
 * A chart's context menu gets "Export figure…", which goes through the export dialog and
 * {@link io.loopscope.ui.figure.FigureWriter} (chosen size and DPI, atomic files). jfreechart-fx's own
 * "Export As" entries are removed: they wrote the on-screen size only, without DPI, and non-atomically.
 */
final class ChartExportMenu {
    private ChartExportMenu() {
    }

    /** Adds an export entry at the top of the viewer's context menu; figure is evaluated when chosen. */
    static MenuItem install(ChartViewer viewer, String label, String what, Supplier<Figure> figure, FileActions files) {
        ContextMenu menu = viewer.getContextMenu();
        if (menu == null) return null;
        menu.getItems().removeIf(i -> i instanceof Menu m && m.getText() != null && m.getText().startsWith("Export"));
        boolean first = menu.getItems().stream().noneMatch(i -> "loopscope-export".equals(i.getUserData()));
        MenuItem item = new MenuItem(label);
        item.setUserData("loopscope-export");
        item.setOnAction(e -> {
            Figure f = figure.get();
            if (f != null) files.exportFigure(f, what);
        });
        int at = (int) menu.getItems().stream().filter(i -> "loopscope-export".equals(i.getUserData())).count();
        menu.getItems().add(at, item);
        if (first) menu.getItems().add(at + 1, new SeparatorMenuItem());
        return item;
    }
}
