package io.loopscope.ui.view;

import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.figure.Figure;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.views.ViewType;
import java.util.List;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** The window frame: menus, tabs, theme and the status line. The views are their own controllers. */
public final class MainController {
    private final WorkbenchContext ctx;
    @FXML private TabPane tabs;
    @FXML private Menu viewMenu;
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
        // one tab and one View menu item per registered view, in its order
        for (ViewType v : ViewType.values()) {
            Tab tab = new Tab(v.title(), WorkbenchWindow.load(v.fxml(), ctx));
            tab.setId(v.id() + "Tab");
            tabs.getTabs().add(tab);
            MenuItem item = new MenuItem(v.title());
            item.setAccelerator(KeyCombination.valueOf(v.accelerator()));
            item.setOnAction(e -> ctx.workbench().viewProperty().set(v));
            viewMenu.getItems().add(item);
        }
        // the open tab is view-model state: sessions save it, demo tours switch it
        var views = ctx.workbench().viewProperty();
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) views.set(ViewType.values()[i.intValue()]);
        });
        views.addListener((o, a, v) -> {
            if (v != null && v.ordinal() != tabs.getSelectionModel().getSelectedIndex()) tabs.getSelectionModel().select(v.ordinal());
        });
        // the tour's step outlines the tab it talks about
        ctx.tour().highlightedViewProperty().addListener((o, a, v) -> {
            for (ViewType t : ViewType.values()) {
                var classes = tabs.getTabs().get(t.ordinal()).getStyleClass();
                classes.remove("tour-highlight");
                if (t == v) classes.add("tour-highlight");
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

    /**
     * The open tab as a figure, drawn by its view's registration as on screen: the lens of the focused
     * token as curves, Compare's runs side by side, the 3-D waterfall as its trajectories, the last probe.
     */
    @FXML
    private void exportCurrentView() {
        var wb = ctx.workbench();
        var sel = wb.selection();
        var cmp = ctx.compare();
        ViewType v = wb.viewProperty().get();
        RunResult r = wb.result();
        if (r == null) return;
        RunResult b = cmp.rightInFrameOfAProperty().get() != null ? cmp.rightInFrameOfAProperty().get() : cmp.rightProperty().get();
        PcPair comparePair = cmp.pairProperty().get() == null ? new PcPair(0, 1) : cmp.pairProperty().get();
        List<Figure> figures = v.figures(new ViewType.FigureRequest(r, b, sel.tokens(), sel.focus(), sel.stepProperty().get(),
                wb.criterionProperty().get(), wb.thresholdProperty().get(), wb.trajectories().pairProperty().get(), comparePair,
                wb.trajectories().paperPanelsProperty().get(), wb.lens().kindProperty().get(), wb.ranks().chart(), ctx.chartStyle(), null,
                wb.probes().resultProperty().get(), wb.lens().shown(), wb.probes().layerViewProperty().get()));
        if (figures.isEmpty()) return;
        ctx.files().exportFigure(Figures.row(v.id(), figures), "the " + v.id() + " view");
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

    @FXML
    private void shortcuts() {
        HelpDialogs.shortcuts(ctx.window()).show();
    }

    @FXML
    private void about() {
        HelpDialogs.about(ctx.window(), ctx.services().version()).show();
    }
}
