package io.loopscope.ui.view;

import io.loopscope.ui.chart.StepsChart;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.vm.StepsViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/** Iterations per generated token as bars; a bar click selects its token; exports like every chart. */
public final class StepsController {
    private final WorkbenchContext ctx;
    private final StepsViewModel vm;
    private StepsChart chart;
    @FXML private StackPane chartHost;

    public StepsController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.workbench().steps();
    }

    @FXML
    private void initialize() {
        chart = new StepsChart(ctx.chartStyle());
        ChartViewer viewer = new ChartViewer(chart.chart());
        viewer.setId("stepsChart");
        ChartExportMenu.install(viewer, "Export figure (PNG, SVG, PDF)…", "the steps per token", () -> vm.data() == null ? null
                : Figures.steps(vm.data(), vm.selection().tokens(), ctx.chartStyle()), ctx.files());
        viewer.getCanvas().setDomainZoomable(false); // a click selects; drag-zoom on a few bars only gets in the way
        viewer.getCanvas().setRangeZoomable(false);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                if (e.getEntity() instanceof XYItemEntity item) {
                    vm.click(item.getItem(), e.getTrigger().isShortcutDown() || e.getTrigger().isControlDown(), e.getTrigger().isShiftDown());
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
            }
        });
        Label placeholder = new Label("Switch the run bar to Generate and generate an answer: each generated token's iterations appear here.");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        chartHost.getChildren().setAll(placeholder);
        vm.dataProperty().addListener((o, a, d) -> {
            boolean bars = d != null && !d.bars().isEmpty();
            if (d != null && !bars) placeholder.setText("No generated token was fed back (" + d.summary() + "), so there are no iterations to show.");
            chart.setData(bars ? d : null, vm.selection().tokens());
            chartHost.getChildren().setAll(bars ? viewer : placeholder);
        });
        vm.selection().tokensProperty().addListener(o -> chart.setData(vm.data(), vm.selection().tokens()));
        ctx.chartStyleProperty().addListener((o, a, s) -> chart.setStyle(s));
    }
}
