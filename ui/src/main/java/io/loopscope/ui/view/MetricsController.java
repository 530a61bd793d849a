package io.loopscope.ui.view;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.chart.MetricsChart;
import io.loopscope.ui.chart.MetricsData.Series;
import io.loopscope.ui.chart.MetricsData;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.vm.MetricsViewModel;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.jfree.chart.fx.ChartViewer;

/** Step size, lens KL and entropy of the selected tokens, with a criterion picker and its threshold. */
public final class MetricsController {
    private final WorkbenchContext ctx;
    private final MetricsViewModel vm;
    private MetricsChart chart;
    @FXML private StackPane chartHost;
    @FXML private ChoiceBox<ExitCriterion> criterionChoice;
    @FXML private TextField thresholdField;
    @FXML private Label exitSummary;

    public MetricsController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.workbench().metrics();
    }

    @FXML
    private void initialize() {
        criterionChoice.getItems().setAll(ExitCriterion.values());
        criterionChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExitCriterion c) {
                return c == null ? "" : c.id();
            }

            @Override
            public ExitCriterion fromString(String s) {
                return ExitCriterion.byId(s);
            }
        });
        criterionChoice.valueProperty().bindBidirectional(vm.criterionProperty());
        thresholdField.setText(fmt(vm.thresholdProperty().get()));
        vm.thresholdProperty().addListener((o, a, v) -> thresholdField.setText(fmt(v.doubleValue())));
        thresholdField.setOnAction(e -> commitThreshold());
        thresholdField.focusedProperty().addListener((o, was, is) -> { if (!is) commitThreshold(); });
        thresholdField.setTooltip(new Tooltip("Threshold of the chosen criterion; press Enter to apply"));

        chart = new MetricsChart(ctx.chartStyle());
        ChartViewer viewer = new ChartViewer(chart.chart());
        viewer.setId("metricsChart");
        ChartExportMenu.install(viewer, "Export figure (PNG, SVG, PDF)…", "the metrics",
                () -> vm.data() == null ? null : Figures.metrics(vm.data(), ctx.chartStyle()), ctx.files());
        Label placeholder = new Label("Run a prompt and select tokens to compare their step sizes, lens KL and entropy.");
        placeholder.getStyleClass().add("placeholder");
        chartHost.getChildren().setAll(placeholder);
        vm.dataProperty().addListener((o, a, d) -> {
            chart.setData(d);
            chartHost.getChildren().setAll(d == null ? placeholder : viewer);
            exitSummary.setText(summary(d));
        });
        ctx.chartStyleProperty().addListener((o, a, s) -> chart.setStyle(s));
    }

    private void commitThreshold() {
        try {
            double v = Double.parseDouble(thresholdField.getText().trim());
            if (v < 0 || !Double.isFinite(v)) throw new NumberFormatException();
            vm.thresholdProperty().set(v);
            thresholdField.getStyleClass().remove("invalid");
        } catch (NumberFormatException e) {
            if (!thresholdField.getStyleClass().contains("invalid")) thresholdField.getStyleClass().add("invalid");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String summary(MetricsData d) {
        if (d == null || d.series().isEmpty()) return "";
        StringBuilder s = new StringBuilder("exit steps (" + d.criterion().id() + "): ");
        for (int i = 0; i < d.series().size(); i++) {
            Series x = d.series().get(i);
            if (i > 0) s.append(" · ");
            s.append(x.label()).append(" → ").append(x.exitStep() < 0 ? "never" : String.valueOf(x.exitStep()));
        }
        return s.toString();
    }
}
