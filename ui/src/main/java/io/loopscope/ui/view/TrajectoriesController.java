package io.loopscope.ui.view;

import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.TrajectoryChart;
import io.loopscope.ui.figure.Figure;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.vm.TrajectoryViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.jfree.chart.fx.ChartViewer;

/**
 * Trajectory panels: one PC plane chosen from the list, or the paper's three side by side; the slider
 * scrubs the step and Play animates it (a Timeline calling the view model's tick, ~16 steps/s).
 */
public final class TrajectoriesController {
    private static final Duration FRAME = Duration.millis(60);
    private final WorkbenchContext ctx;
    private final TrajectoryViewModel vm;
    private final List<TrajectoryChart> charts = new ArrayList<>();
    private final List<ChartViewer> viewers = new ArrayList<>();
    private final Timeline timeline = new Timeline();
    @FXML private ListView<PcPair> pairList;
    @FXML private CheckBox paperCheck;
    @FXML private HBox chartHost;
    @FXML private Button playButton;
    @FXML private Slider stepSlider;
    @FXML private Label stepLabel;

    public TrajectoriesController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.workbench().trajectories();
    }

    @FXML
    private void initialize() {
        pairList.setItems(vm.pairs());
        pairList.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> { if (p != null) vm.pairProperty().set(p); });
        vm.pairProperty().addListener((o, a, p) -> pairList.getSelectionModel().select(p));
        pairList.disableProperty().bind(vm.paperPanelsProperty());
        paperCheck.selectedProperty().bindBidirectional(vm.paperPanelsProperty());

        stepSlider.maxProperty().bind(vm.lastStepProperty());
        stepSlider.valueProperty().addListener((o, a, v) -> {
            int s = (int) Math.round(v.doubleValue());
            if (s != vm.stepProperty().get()) vm.stepProperty().set(s);
        });
        vm.stepProperty().addListener((o, a, s) -> {
            if ((int) Math.round(stepSlider.getValue()) != s.intValue()) stepSlider.setValue(s.intValue());
            showStep(s.intValue());
        });
        vm.lastStepProperty().addListener((o, a, last) -> stepSlider.setMajorTickUnit(Math.max(1, tickUnit(last.intValue()))));

        timeline.getKeyFrames().setAll(new KeyFrame(FRAME, e -> vm.tick()));
        timeline.setCycleCount(Animation.INDEFINITE);
        vm.playingProperty().addListener((o, a, playing) -> {
            playButton.setText(playing ? "❚❚ Pause" : "▶ Play");
            charts.forEach(c -> c.setPlaying(playing));
            if (playing) timeline.play();
            else timeline.stop();
        });
        playButton.disableProperty().bind(ctx.workbench().resultProperty().isNull());
        stepSlider.disableProperty().bind(ctx.workbench().resultProperty().isNull());

        vm.planesProperty().addListener((o, a, planes) -> showPlanes(planes));
        ctx.chartStyleProperty().addListener((o, a, s) -> charts.forEach(c -> c.setStyle(s)));
        chartHost.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.SPACE) vm.togglePlay();
            else if (e.getCode() == KeyCode.LEFT) vm.stepProperty().set(Math.max(0, vm.stepProperty().get() - 1));
            else if (e.getCode() == KeyCode.RIGHT) vm.stepProperty().set(Math.min(vm.lastStepProperty().get(), vm.stepProperty().get() + 1));
            else return;
            e.consume();
        });
        chartHost.setFocusTraversable(true);
        chartHost.setOnMouseClicked(e -> chartHost.requestFocus());
        showPlaceholder();
        showStep(vm.stepProperty().get());
    }

    private static int tickUnit(int last) {
        return last <= 16 ? 1 : last <= 64 ? 8 : last <= 256 ? 32 : 128;
    }

    @FXML
    private void togglePlay() {
        vm.togglePlay();
    }

    private void showPlaceholder() {
        Label l = new Label("Run a prompt: the selected tokens' paths through the principal-component planes appear here.");
        l.getStyleClass().add("placeholder");
        l.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(l, Priority.ALWAYS);
        chartHost.getChildren().setAll(l);
    }

    private void showPlanes(List<PlaneData> planes) {
        if (planes.isEmpty()) {
            showPlaceholder();
            return;
        }
        ChartStyle style = ctx.chartStyle();
        while (charts.size() < planes.size()) {
            TrajectoryChart c = new TrajectoryChart(style);
            ChartViewer v = new ChartViewer(c.chart());
            v.setId("trajectoryChart" + charts.size());
            v.setMinSize(200, 200);
            HBox.setHgrow(v, Priority.ALWAYS);
            int index = charts.size();
            ChartExportMenu.install(v, "Export figure (PNG, SVG, PDF)…", "this trajectory panel", () -> panelFigure(index), ctx.files());
            ChartExportMenu.install(v, "Export all panels side by side…", "the trajectory panels", this::panelsFigure, ctx.files());
            charts.add(c);
            viewers.add(v);
        }
        int step = Math.min(vm.stepProperty().get(), vm.lastStepProperty().get());
        for (int i = 0; i < planes.size(); i++) {
            charts.get(i).setData(planes.get(i), step);
            charts.get(i).setColourBarVisible(i == planes.size() - 1); // one colour bar is enough for a row of panels
        }
        chartHost.getChildren().setAll(viewers.subList(0, planes.size()));
        for (ChartViewer v : viewers) v.prefWidthProperty().unbind();
    }

    private void showStep(int step) {
        stepLabel.setText(ctx.workbench().result() == null ? "" : step + " / " + vm.lastStepProperty().get());
        int shown = chartHost.getChildren().size();
        for (int i = 0; i < Math.min(shown, charts.size()); i++) {
            if (charts.get(i).data() != null) charts.get(i).showUpTo(step);
        }
    }

    /** Panel i as a figure, as on screen (same plane, tokens, step and theme). */
    Figure panelFigure(int i) {
        List<PlaneData> planes = vm.planes();
        if (i >= planes.size()) return null;
        return Figures.trajectory(planes.get(i), shownStep(), ctx.chartStyle());
    }

    /** Every panel on screen side by side (the paper layout when "Paper panels" is on). */
    Figure panelsFigure() {
        List<PlaneData> planes = vm.planes();
        return planes.isEmpty() ? null : Figures.panels(planes, shownStep(), ctx.chartStyle());
    }

    private int shownStep() {
        return Math.min(vm.stepProperty().get(), vm.lastStepProperty().get());
    }

    /** The charts on screen (tests and screenshots). */
    public List<TrajectoryChart> charts() {
        return charts;
    }
}
