package io.loopscope.ui.view;

import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.Planes;
import io.loopscope.ui.chart.TrajectoryChart;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec.InitMode;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.vm.CompareViewModel;
import io.loopscope.ui.vm.RunViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;

/** Two runs side by side with the same tokens selected, and the path-independence verdict. */
public final class CompareController {
    private final WorkbenchContext ctx;
    private final CompareViewModel vm;
    private final List<TrajectoryChart> charts = new ArrayList<>();
    private final List<VBox> panels = new ArrayList<>();
    @FXML private ComboBox<ModelRef> modelBPicker;
    @FXML private Spinner<Integer> iterationsBSpinner;
    @FXML private ChoiceBox<InitMode> initBChoice;
    @FXML private Spinner<Integer> seedBSpinner;
    @FXML private Button runBButton;
    @FXML private ChoiceBox<PcPair> pairBChoice;
    @FXML private Label verdictLabel;
    @FXML private HBox chartHost;

    public CompareController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.compare();
    }

    @FXML
    private void initialize() {
        modelBPicker.setItems(ctx.run().models());
        modelBPicker.valueProperty().bindBidirectional(vm.modelBProperty());
        var its = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, RunViewModel.MAX_ITERATIONS, vm.iterationsBProperty().get(), 8);
        iterationsBSpinner.setValueFactory(its);
        its.valueProperty().addListener((o, a, v) -> { if (v != null) vm.iterationsBProperty().set(v); });
        vm.iterationsBProperty().addListener((o, a, v) -> its.setValue(v.intValue()));
        initBChoice.getItems().setAll(InitMode.values());
        initBChoice.valueProperty().bindBidirectional(vm.initBProperty());
        var seeds = new SpinnerValueFactory.IntegerSpinnerValueFactory(Integer.MIN_VALUE, Integer.MAX_VALUE, (int) vm.seedBProperty().get());
        seedBSpinner.setValueFactory(seeds);
        seeds.valueProperty().addListener((o, a, v) -> { if (v != null) vm.seedBProperty().set(v); });
        vm.seedBProperty().addListener((o, a, v) -> seeds.setValue(v.intValue()));
        seedBSpinner.disableProperty().bind(vm.initBProperty().isNotEqualTo(InitMode.RANDOM));
        runBButton.disableProperty().bind(ctx.workbench().resultProperty().isNull().or(ctx.run().runningProperty()));
        pairBChoice.valueProperty().addListener((o, a, p) -> { if (p != null) vm.pairProperty().set(p); });
        vm.pairProperty().addListener((o, a, p) -> pairBChoice.setValue(p));
        ctx.workbench().resultProperty().addListener((o, a, r) -> {
            PcPair keep = vm.pairProperty().get();
            pairBChoice.getItems().setAll(r == null ? List.of() : Planes.pairsFor(r.analysis().components()));
            PcPair next = pairBChoice.getItems().contains(keep) ? keep : new PcPair(0, 1);
            vm.pairProperty().set(next);
            pairBChoice.setValue(next);
        });
        verdictLabel.textProperty().bind(vm.verdictProperty());
        verdictLabel.setId("verdictLabel");
        vm.planesProperty().addListener((o, a, planes) -> show(planes));
        ctx.workbench().selection().stepProperty().addListener((o, a, s) -> charts.forEach(c -> c.showUpTo(s.intValue())));
        ctx.chartStyleProperty().addListener((o, a, s) -> charts.forEach(c -> c.setStyle(s)));
        show(List.of());
    }

    @FXML
    private void runB() {
        try {
            iterationsBSpinner.commitValue();
            seedBSpinner.commitValue();
        } catch (RuntimeException e) {
            iterationsBSpinner.cancelEdit();
            seedBSpinner.cancelEdit();
        }
        ctx.runner().runCompare();
    }

    /** Which PCA frame a panel is drawn in: B shares A's when the analysis could project it. */
    private String frame(int panel) {
        if (panel == 0) return vm.sharedFrame() ? "(PCA of A; B is projected onto it)" : "(its own PCA)";
        return vm.sharedFrame() ? "(projected onto A's PCA)" : "(its own PCA: another model, width or space)";
    }

    private void show(List<PlaneData> planes) {
        if (planes.isEmpty()) {
            Label l = new Label("Run a prompt, then Run B: the same prompt from another seed, iteration count, init or model.");
            l.getStyleClass().add("placeholder");
            l.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(l, Priority.ALWAYS);
            chartHost.getChildren().setAll(l);
            return;
        }
        while (charts.size() < planes.size()) {
            TrajectoryChart c = new TrajectoryChart(ctx.chartStyle());
            ChartViewer v = new ChartViewer(c.chart());
            v.setId("compareChart" + charts.size());
            int index = charts.size();
            ChartExportMenu.install(v, "Export figure (PNG, SVG, PDF)…", index == 0 ? "run A" : "run B", () -> {
                List<PlaneData> ps = vm.planes();
                if (index >= ps.size()) return null;
                return Figures.trajectory(ps.get(index), ctx.workbench().selection().stepProperty().get(), ctx.chartStyle())
                        .withName("compare-" + (index == 0 ? "a-" : "b-") + Figures.planeName(ps.get(index).pair()));
            }, ctx.files());
            Label head = new Label();
            head.getStyleClass().add("section-title");
            VBox box = new VBox(4, head, v);
            box.setAlignment(Pos.TOP_CENTER);
            VBox.setVgrow(v, Priority.ALWAYS);
            HBox.setHgrow(box, Priority.ALWAYS);
            box.setPrefWidth(100);
            charts.add(c);
            panels.add(box);
        }
        RunResult[] runs = {vm.leftProperty().get(), vm.rightProperty().get()};
        int step = ctx.workbench().selection().stepProperty().get();
        for (int i = 0; i < planes.size(); i++) {
            charts.get(i).setData(planes.get(i), step);
            charts.get(i).setColourBarVisible(i == planes.size() - 1);
            RunResult r = runs[i];
            ((Label) panels.get(i).getChildren().getFirst()).setText((i == 0 ? "A: " : "B: ")
                    + (r == null ? "" : r.trace().info().model() + " · " + r.spec().shortLabel() + "  " + frame(i)));
        }
        chartHost.getChildren().setAll(panels.subList(0, planes.size()));
    }
}
