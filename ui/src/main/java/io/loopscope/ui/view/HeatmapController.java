package io.loopscope.ui.view;

import io.loopscope.ui.chart.HeatmapChart;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.vm.HeatmapViewModel;
import java.awt.geom.Rectangle2D;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;

/** The convergence heatmap; a click on a cell selects that token and step. */
public final class HeatmapController {
    private final WorkbenchContext ctx;
    private final HeatmapViewModel vm;
    private HeatmapChart chart;
    private ChartViewer viewer;
    @FXML private StackPane chartHost;

    public HeatmapController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.workbench().heatmap();
    }

    @FXML
    private void initialize() {
        chart = new HeatmapChart(ctx.chartStyle());
        viewer = new ChartViewer(chart.chart());
        viewer.setId("heatmapChart");
        ChartExportMenu.install(viewer, "Export figure (PNG, SVG, PDF)…", "the convergence heatmap", () -> vm.grid() == null ? null
                : Figures.heatmap(vm.grid(), vm.selection().tokens(), vm.selection().stepProperty().get(), ctx.chartStyle()), ctx.files());
        // a click selects; the viewer's own drag-zoom would fight that on a grid of cells
        viewer.getCanvas().setDomainZoomable(false);
        viewer.getCanvas().setRangeZoomable(false);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                click(e.getTrigger());
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
            }
        });
        Label placeholder = new Label("Run a prompt to see how fast each token converges.");
        placeholder.getStyleClass().add("placeholder");
        chartHost.getChildren().setAll(placeholder);
        vm.gridProperty().addListener((o, a, g) -> {
            chart.setGrid(g);
            chartHost.getChildren().setAll(g == null ? placeholder : viewer);
            highlight();
        });
        vm.selection().tokensProperty().addListener(o -> highlight());
        vm.selection().stepProperty().addListener(o -> highlight());
        ctx.chartStyleProperty().addListener((o, a, s) -> {
            chart.setStyle(s);
            highlight();
        });
    }

    private void highlight() {
        chart.highlight(vm.selection().tokens(), vm.selection().stepProperty().get());
    }

    /** Screen point → (step, token) through the plot's axes. */
    private void click(MouseEvent e) {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        if (info == null || vm.grid() == null) return;
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (!area.contains(e.getX(), e.getY())) return;
        XYPlot plot = chart.plot();
        double step = plot.getDomainAxis().java2DToValue(e.getX(), area, plot.getDomainAxisEdge());
        double token = plot.getRangeAxis().java2DToValue(e.getY(), area, plot.getRangeAxisEdge());
        vm.click((int) Math.round(token), (int) Math.round(step), e.isShortcutDown() || e.isControlDown(), e.isShiftDown());
    }

    public HeatmapChart chart() {
        return chart;
    }
}
