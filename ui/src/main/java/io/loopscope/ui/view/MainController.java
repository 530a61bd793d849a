package io.loopscope.ui.view;

import java.io.File;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.stage.DirectoryChooser;

/** The window frame: menus, tabs, theme and the status line. The views are their own controllers. */
public final class MainController {
    private final WorkbenchContext ctx;
    @FXML private TabPane tabs;
    @FXML private Tab trajectoriesTab, heatmapTab, metricsTab, lensTab, waterfallTab, compareTab;
    @FXML private Label statusLabel, memoryLabel;
    @FXML private MenuItem runItem, cancelItem;
    @FXML private RadioMenuItem lightItem, darkItem;

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
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a model folder (config.json + *.safetensors)");
        File dir = chooser.showDialog(ctx.window());
        if (dir != null) ctx.run().openFolder(dir.toPath());
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

    @FXML
    private void shortcuts() {
        HelpDialogs.shortcuts(ctx.window()).show();
    }

    @FXML
    private void about() {
        HelpDialogs.about(ctx.window(), ctx.services().version()).show();
    }
}
