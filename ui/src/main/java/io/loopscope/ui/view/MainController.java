package io.loopscope.ui.view;

import javafx.application.Platform;
import javafx.fxml.FXML;
import io.loopscope.ui.vm.WorkbenchViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;

/** The window frame: menus, tabs, theme and the status line. The views are their own controllers. */
public final class MainController {
    private final WorkbenchContext ctx;
    @FXML private TabPane tabs;
    @FXML private Tab trajectoriesTab, heatmapTab, metricsTab, lensTab, waterfallTab, compareTab, stepsTab;
    @FXML private Label statusLabel, memoryLabel;
    @FXML private MenuItem runItem, cancelItem;
    @FXML private RadioMenuItem lightItem, darkItem;
    @FXML private MenuItem saveSessionItem, saveSessionAsItem;
    @FXML private Menu exportMenu;

    public MainController(WorkbenchContext ctx) {
        this.ctx = ctx;
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(ctx.run().statusProperty());
        statusLabel.setId("statusLabel");
        runItem.disableProperty().bind(ctx.run().canRun().not());
        cancelItem.disableProperty().bind(ctx.run().runningProperty().not());
        ToggleGroup themes = new ToggleGroup();
        lightItem.setToggleGroup(themes);
        darkItem.setToggleGroup(themes);
        ctx.chartStyleProperty().addListener((o, a, s) -> (s.dark() ? darkItem : lightItem).setSelected(true));
        lightItem.setSelected(true);
        // the open tab is view-model state: sessions save it, demo tours switch it
        var views = ctx.workbench().viewProperty();
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) views.set(WorkbenchViewModel.VIEWS.get(i.intValue()));
        });
        views.addListener((o, a, v) -> {
            int i = WorkbenchViewModel.VIEWS.indexOf(v);
            if (i >= 0 && i != tabs.getSelectionModel().getSelectedIndex()) tabs.getSelectionModel().select(i);
        });
        // the tour's step outlines the tab it talks about
        ctx.tour().highlightedViewProperty().addListener((o, a, v) -> {
            for (int i = 0; i < tabs.getTabs().size(); i++) {
                var classes = tabs.getTabs().get(i).getStyleClass();
                classes.remove("tour-highlight");
                if (WorkbenchViewModel.VIEWS.get(i).equals(v)) classes.add("tour-highlight");
            }
        });
        var noRun = ctx.workbench().resultProperty().isNull();
        saveSessionItem.disableProperty().bind(noRun);
        saveSessionAsItem.disableProperty().bind(noRun);
        exportMenu.disableProperty().bind(noRun);
        // the heap in use, refreshed after each run: traces are the big objects here
        ctx.workbench().resultProperty().addListener((o, a, r) -> memoryLabel.setText(heap()));
        memoryLabel.setText(heap());
    }

    private static String heap() {
        Runtime rt = Runtime.getRuntime();
        long used = (rt.totalMemory() - rt.freeMemory()) >> 20, max = rt.maxMemory() >> 20;
        return "heap " + used + " / " + max + " MB";
    }

    @FXML
    private void openModel() {
        ctx.files().openModelFolder();
    }

    @FXML private void openSession() { ctx.files().openSession(); }
    @FXML private void saveSession() { ctx.files().saveSession(); }
    @FXML private void saveSessionAs() { ctx.files().saveSessionAs(); }
    @FXML private void exportFigureSet() { ctx.files().exportFigureSet(); }
    @FXML private void exportTrace() { ctx.data().export(DataExports.Kind.TRACE); }
    @FXML private void exportTokensCsv() { ctx.data().export(DataExports.Kind.TOKENS_CSV); }
    @FXML private void exportTokensJson() { ctx.data().export(DataExports.Kind.TOKENS_JSON); }
    @FXML private void exportProjections() { ctx.data().export(DataExports.Kind.PROJECTIONS); }
    @FXML private void exportProjector() { ctx.data().export(DataExports.Kind.PROJECTOR); }

    /** The open tab's chart as a figure (the lens table and the 3-D waterfall are not charts: the figure set instead). */
    @FXML
    private void exportCurrentView() {
        var wb = ctx.workbench();
        var sel = wb.selection();
        io.loopscope.ui.figure.Figure f = switch (wb.viewProperty().get()) {
            case "heatmap" -> wb.heatmap().grid() == null ? null
                    : io.loopscope.ui.figure.Figures.heatmap(wb.heatmap().grid(), sel.tokens(), sel.stepProperty().get(), ctx.chartStyle());
            case "metrics" -> wb.metrics().data() == null ? null : io.loopscope.ui.figure.Figures.metrics(wb.metrics().data(), ctx.chartStyle());
            case "steps" -> wb.steps().data() == null || wb.steps().data().bars().isEmpty() ? null
                    : io.loopscope.ui.figure.Figures.steps(wb.steps().data(), sel.tokens(), ctx.chartStyle());
            default -> {
                var planes = wb.trajectories().planes();
                yield planes.isEmpty() ? null : planes.size() == 1
                        ? io.loopscope.ui.figure.Figures.trajectory(planes.getFirst(), sel.stepProperty().get(), ctx.chartStyle())
                        : io.loopscope.ui.figure.Figures.panels(planes, sel.stepProperty().get(), ctx.chartStyle());
            }
        };
        if (f != null) ctx.files().exportFigure(f, "the " + wb.viewProperty().get() + " view");
    }

    @FXML
    private void demos() {
        ctx.demos().showCatalog();
    }

    @FXML
    private void quit() {
        Platform.exit();
    }

    @FXML
    private void run() {
        ctx.runner().run();
    }

    @FXML
    private void cancel() {
        ctx.runner().cancel();
    }

    @FXML
    private void lightTheme() {
        Themes.apply(tabs.getScene(), Themes.LIGHT, ctx);
    }

    @FXML
    private void darkTheme() {
        Themes.apply(tabs.getScene(), Themes.DARK, ctx);
    }

    @FXML
    private void toggleTheme() {
        Themes.apply(tabs.getScene(), Themes.isDark(tabs.getScene()) ? Themes.LIGHT : Themes.DARK, ctx);
    }

    @FXML private void showTrajectories() { tabs.getSelectionModel().select(trajectoriesTab); }
    @FXML private void showHeatmap() { tabs.getSelectionModel().select(heatmapTab); }
    @FXML private void showMetrics() { tabs.getSelectionModel().select(metricsTab); }
    @FXML private void showLens() { tabs.getSelectionModel().select(lensTab); }
    @FXML private void showWaterfall() { tabs.getSelectionModel().select(waterfallTab); }
    @FXML private void showCompare() { tabs.getSelectionModel().select(compareTab); }
    @FXML private void showSteps() { tabs.getSelectionModel().select(stepsTab); }

    @FXML
    private void shortcuts() {
        HelpDialogs.shortcuts(ctx.window()).show();
    }

    @FXML
    private void about() {
        HelpDialogs.about(ctx.window(), ctx.services().version()).show();
    }
}
