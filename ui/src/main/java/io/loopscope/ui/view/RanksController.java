package io.loopscope.ui.view;

import io.loopscope.analysis.RankTrajectories;
import io.loopscope.ui.chart.RankChart;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.task.BackgroundTask;
import io.loopscope.ui.task.TaskExecutor.Lane;
import io.loopscope.ui.task.TaskHandle;
import io.loopscope.ui.vm.RanksViewModel;
import io.loopscope.ui.vm.RanksViewModel.LayerChoice;
import io.loopscope.ui.vm.RanksViewModel.Request;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Ranks view: the tracked tokens' field, the layer choice and the chart. The ranks the view
 * model asks for are read on the run lane (the model reads the run's states again), and the reading
 * that a newer request replaces is cancelled.
 */
public final class RanksController {
    private final WorkbenchContext ctx;
    private final RanksViewModel vm;
    private RankChart chart;
    private TaskHandle reading;
    @FXML private TextField tokensField;
    @FXML private ChoiceBox<LayerChoice> layerChoice;
    @FXML private Label layerNote, message;
    @FXML private StackPane chartHost;

    public RanksController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.workbench().ranks();
    }

    @FXML
    private void initialize() {
        tokensField.setId("rankTokensField");
        // typed tokens apply on Enter or when the field is left: every keystroke would start a reading of the states
        tokensField.setText(vm.tokensProperty().get());
        vm.tokensProperty().addListener((o, a, text) -> {
            if (!text.equals(tokensField.getText())) tokensField.setText(text);
        });
        tokensField.setOnAction(e -> vm.tokensProperty().set(tokensField.getText()));
        tokensField.focusedProperty().addListener((o, was, is) -> {
            if (!is) vm.tokensProperty().set(tokensField.getText());
        });
        tokensField.promptTextProperty().bind(vm.defaultsProperty().map(d -> d.isEmpty() ? "" : d + "  (default)"));
        tokensField.setTooltip(new Tooltip("Tokens to track, separated by spaces (Enter applies): each lens's final guess and the answer when blank;"
                + " \"142\" is three tokens to a character tokenizer; #17 is token id 17 (a space, a comma)"));
        layerChoice.setId("rankLayerChoice");
        layerChoice.setTooltip(new Tooltip("Where in the loop the lenses read: the state after each iteration, or the output of a core layer"
                + " inside the block (needs \u201crecord layers\u201d in the run bar)"));
        layerChoice.itemsProperty().addListener((o, a, b) -> showLayer());
        vm.layersProperty().addListener((o, a, list) -> {
            layerChoice.getItems().setAll(list);
            showLayer();
        });
        vm.layerProperty().addListener(o -> showLayer());
        layerChoice.valueProperty().addListener((o, a, c) -> {
            if (c != null && c.layer() != vm.layerProperty().get()) vm.layerProperty().set(c.layer());
        });
        layerNote.textProperty().bind(vm.layerNoteProperty());
        message.setId("ranksMessage");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        vm.problemProperty().addListener((o, a, bad) -> {
            if (bad) message.getStyleClass().add("error-text");
            else message.getStyleClass().remove("error-text");
        });

        chart = new RankChart(ctx.chartStyle());
        ChartViewer viewer = new ChartViewer(chart.chart());
        viewer.setId("ranksChart");
        ChartExportMenu.install(viewer, "Export figure (PNG, SVG, PDF)…", "the ranks", () -> vm.chart() == null ? null
                : Figures.ranks(vm.chart(), vm.selection().stepProperty().get(), ctx.chartStyle()), ctx.files());
        vm.chartProperty().addListener((o, a, d) -> {
            chart.setData(d, vm.selection().stepProperty().get());
            chartHost.getChildren().setAll(d == null ? new StackPane() : viewer);
        });
        vm.selection().stepProperty().addListener((o, a, s) -> chart.showStep(s.intValue()));
        ctx.chartStyleProperty().addListener((o, a, s) -> chart.setStyle(s));
        vm.requestProperty().addListener((o, a, q) -> read(q));
        read(vm.request());
    }

    /** The choice box shows the view model's layer (a layer the run lacks shows as none; the message says why). */
    private void showLayer() {
        int want = vm.layerProperty().get();
        layerChoice.setValue(layerChoice.getItems().stream().filter(c -> c.layer() == want).findFirst().orElse(null));
    }

    private void read(Request q) {
        if (reading != null && reading.isActive()) reading.cancel();
        reading = null;
        if (q == null) return;
        reading = ctx.tasks().execute(Lane.RUN, BackgroundTask.<RankTrajectories>of(p -> q.run().ranks(q.ids(), q.layers(), p::isCancelled))
                .onSuccess(ranks -> vm.loaded(q, ranks))
                .onFailure(t -> vm.failed(q, ErrorDialog.message(t))));
    }
}
