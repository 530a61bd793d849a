package io.loopscope.ui.view;

import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.ui.chart.ProbeChart;
import io.loopscope.ui.chart.ProbeLayerView;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.vm.ProbesViewModel;
import io.loopscope.ui.vm.ProbesViewModel.Source;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.jfree.chart.fx.ChartViewer;

/** Binds the Probes view to {@link ProbesViewModel}; Run probe goes to the coordinator; the curve exports like every chart. */
public final class ProbesController {
    private final WorkbenchContext ctx;
    private final ProbesViewModel vm;
    private ProbeChart chart;
    @FXML private RadioButton probeTaskRadio, probeFileRadio;
    @FXML private ChoiceBox<String> probeTaskChoice;
    @FXML private ChoiceBox<ProbeLabel> probeLabelChoice;
    @FXML private ChoiceBox<ProbeLayerView> probeLayerChoice;
    @FXML private CheckBox probeLayersCheck;
    @FXML private Label probeLayerLabel;
    @FXML private TextField probeDifficultyField, probeFileField;
    @FXML private Label probeDifficultyLabel, probeSamplesLabel, probePositionLabel, probeModelLabel, probeMessageLabel, probeProblemLabel, probeSummaryLabel;
    @FXML private Spinner<Integer> probeSamplesSpinner, probePositionSpinner, probeIterationsSpinner, probeFoldsSpinner;
    @FXML private Spinner<Long> probeSeedSpinner;
    @FXML private Button probeBrowseButton, probeRunButton, probeCancelButton;
    @FXML private ProgressBar probeProgressBar;
    @FXML private StackPane probeChartHost;

    public ProbesController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.workbench().probes();
    }

    @FXML
    private void initialize() {
        ToggleGroup sources = new ToggleGroup();
        probeTaskRadio.setToggleGroup(sources);
        probeFileRadio.setToggleGroup(sources);
        (vm.sourceProperty().get() == Source.FILE ? probeFileRadio : probeTaskRadio).setSelected(true);
        sources.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) sources.selectToggle(was);
            else vm.sourceProperty().set(now == probeFileRadio ? Source.FILE : Source.TASK);
        });
        vm.sourceProperty().addListener((o, a, s) -> sources.selectToggle(s == Source.FILE ? probeFileRadio : probeTaskRadio));
        var fromFile = vm.fromTask().not();
        for (var c : new javafx.scene.Node[] {probeTaskChoice, probeDifficultyLabel, probeDifficultyField, probeSamplesLabel, probeSamplesSpinner}) c.disableProperty().bind(fromFile);
        probeFileField.disableProperty().bind(vm.fromTask());
        probeBrowseButton.disableProperty().bind(vm.fromTask());

        probeTaskChoice.getItems().setAll(vm.tasks());
        probeTaskChoice.valueProperty().bindBidirectional(vm.taskProperty());
        probeTaskChoice.setTooltip(new Tooltip("A task of the suite; its prompts are drawn from the seed"));
        probeDifficultyField.textProperty().bindBidirectional(vm.difficultyProperty());
        probeDifficultyField.promptTextProperty().bind(Bindings.createStringBinding(vm::trainingRange, vm.taskProperty()));
        probeDifficultyField.setTooltip(new Tooltip("N or MIN..MAX of the task's knob; empty: its training range"));
        RunBarController.bind(probeSamplesSpinner, new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 100_000, vm.samplesProperty().get(), 50),
                vm.samplesProperty());
        probeSamplesSpinner.setTooltip(new Tooltip("How many prompts to draw from the task"));
        probeFileField.textProperty().bindBidirectional(vm.fileProperty());

        probeLabelChoice.getItems().setAll(ProbeLabel.values());
        probeLabelChoice.valueProperty().bindBidirectional(vm.labelProperty());
        probeLabelChoice.setTooltip(new Tooltip("answer; running (sum, count: a running total); hop (hops: the letter at a '>');"
                + " iteration (how long the loop has run)"));
        var position = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 99, vm.positionProperty().get());
        position.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer k) {
                return k == null || k == 0 ? "last" : k.toString();
            }

            @Override
            public Integer fromString(String s) {
                return s == null || s.isBlank() || s.strip().equalsIgnoreCase("last") ? 0 : Integer.parseInt(s.strip());
            }
        });
        RunBarController.bind(probePositionSpinner, position, vm.positionProperty());
        probePositionSpinner.setTooltip(new Tooltip("Which running total or hop, counted from 1; last: the last before the answer"));
        probePositionSpinner.disableProperty().bind(vm.positionEnabled().not());
        probePositionLabel.disableProperty().bind(vm.positionEnabled().not());
        RunBarController.bind(probeIterationsSpinner, new SpinnerValueFactory.IntegerSpinnerValueFactory(0, TraceRequest.DEFAULT_MAX_ITERATIONS,
                vm.iterationsProperty().get(), 4), vm.iterationsProperty());
        probeIterationsSpinner.setTooltip(new Tooltip("States 0..R are probed (0 is s₀, before any thinking)"));
        RunBarController.bind(probeFoldsSpinner, new SpinnerValueFactory.IntegerSpinnerValueFactory(2, 100, vm.foldsProperty().get()), vm.foldsProperty());
        probeFoldsSpinner.setTooltip(new Tooltip("Cross-validation folds: each is predicted by a probe fitted on the others"));
        probeSeedSpinner.setValueFactory(new RunBarController.LongValueFactory(vm.seedProperty().get()));
        probeSeedSpinner.getValueFactory().valueProperty().addListener((o, a, v) -> { if (v != null) vm.seedProperty().set(v); });
        vm.seedProperty().addListener((o, a, v) -> probeSeedSpinner.getValueFactory().setValue(v.longValue()));
        RunBarController.commitOnFocusLoss(probeSeedSpinner);
        probeSeedSpinner.setTooltip(new Tooltip("Seeds the prompts, every s₀, the folds and the control labels"));

        probeLayersCheck.selectedProperty().bindBidirectional(vm.layersProperty());
        probeLayersCheck.setTooltip(new Tooltip("Also fit the probe on the output of every core layer at every iteration (probe --layers);"
                + " the last layer is the block output"));
        probeLayersCheck.disableProperty().bind(vm.labelProperty().isEqualTo(ProbeLabel.ITERATION));
        // the layer choice is there only for a result with layer probes
        probeLayerChoice.getItems().setAll(vm.layerChoicesProperty().get());
        vm.layerChoicesProperty().addListener((o, a, c) -> probeLayerChoice.getItems().setAll(c));
        probeLayerChoice.valueProperty().bindBidirectional(vm.layerViewProperty());
        probeLayerChoice.setTooltip(new Tooltip("Every layer: a curve per core layer; block output: the probe, its control and the lens; layer j: that layer's probe and control"));
        var layered = Bindings.createBooleanBinding(() -> !vm.layerChoicesProperty().get().isEmpty(), vm.layerChoicesProperty());
        for (var n : new javafx.scene.Node[] {probeLayerChoice, probeLayerLabel}) {
            n.visibleProperty().bind(layered);
            n.managedProperty().bind(layered);
        }
        probeLayerChoice.setId("probeLayerChoice");

        probeModelLabel.textProperty().bind(Bindings.createStringBinding(() -> ctx.run().modelProperty().get() == null ? "no model"
                : "on the run bar's model: " + ctx.run().modelProperty().get().displayName(), ctx.run().modelProperty()));
        probeRunButton.disableProperty().bind(vm.canRun().not().or(ctx.run().runningProperty()).or(ctx.run().modelProperty().isNull()));
        probeRunButton.setTooltip(new Tooltip("Run the probe on the run bar's model, in the background"));
        probeCancelButton.disableProperty().bind(vm.runningProperty().not());
        probeProgressBar.progressProperty().bind(vm.progressProperty());
        probeProgressBar.visibleProperty().bind(vm.runningProperty());
        probeMessageLabel.textProperty().bind(vm.messageProperty());
        // a settings problem as typed, else why the last probe failed
        probeProblemLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.problemProperty().get().isEmpty() ? vm.errorProperty().get()
                : vm.problemProperty().get(), vm.problemProperty(), vm.errorProperty()));
        probeProblemLabel.setId("probeProblem");
        probeProblemLabel.managedProperty().bind(probeProblemLabel.textProperty().isNotEmpty());
        probeSummaryLabel.textProperty().bind(vm.summaryProperty());
        probeSummaryLabel.setId("probeSummary");
        probeSummaryLabel.managedProperty().bind(probeSummaryLabel.textProperty().isNotEmpty());

        chart = new ProbeChart(ctx.chartStyle());
        chart.setSummaryVisible(false); // the summary label above the chart says it
        ChartViewer viewer = new ChartViewer(chart.chart());
        viewer.setId("probeChart");
        ChartExportMenu.install(viewer, "Export figure (PNG, SVG, PDF)…", "the probe", () -> vm.resultProperty().get() == null ? null
                : Figures.probe(vm.resultProperty().get(), vm.layerViewProperty().get(), ctx.chartStyle()), ctx.files());
        Label placeholder = new Label("Choose the prompts (a task, or a JSONL file of prompts with labels) and a label, then Run probe:"
                + " the probe's held-out accuracy at every iteration appears here, beside its control task and the lens.");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        vm.resultProperty().addListener((o, a, r) -> {
            chart.setData(r, vm.layerViewProperty().get());
            probeChartHost.getChildren().setAll(r == null ? placeholder : viewer);
        });
        vm.layerViewProperty().addListener((o, a, v) -> chart.setData(vm.resultProperty().get(), v));
        chart.setData(vm.resultProperty().get(), vm.layerViewProperty().get());
        probeChartHost.getChildren().setAll(vm.resultProperty().get() == null ? placeholder : viewer);
        ctx.chartStyleProperty().addListener((o, a, s) -> chart.setStyle(s));
    }

    @FXML
    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Prompts for the probe: one {\"prompt\": …, \"label\": \"c\"} per line");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(ctx.window());
        if (f != null) vm.fileProperty().set(f.getAbsolutePath());
    }

    @FXML
    private void run() {
        for (Spinner<?> s : new Spinner<?>[] {probeSamplesSpinner, probePositionSpinner, probeIterationsSpinner, probeFoldsSpinner, probeSeedSpinner}) {
            try {
                s.commitValue();
            } catch (RuntimeException e) {
                s.cancelEdit();
            }
        }
        ctx.runner().runProbe();
    }

    @FXML
    private void cancel() {
        ctx.runner().cancel();
    }
}
