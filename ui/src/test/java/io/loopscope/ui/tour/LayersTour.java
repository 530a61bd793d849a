package io.loopscope.ui.tour;

import static io.loopscope.ui.tour.TourSupport.fx;
import static io.loopscope.ui.tour.TourSupport.waitFor;

import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import io.loopscope.ui.chart.ProbeLayerView;
import io.loopscope.ui.view.WorkbenchContext;
import io.loopscope.ui.view.WorkbenchWindow;
import io.loopscope.ui.views.ViewType;
import io.loopscope.ui.vm.LensViewModel;
import io.loopscope.ui.vm.ProbesViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The layer choices on the shipped model: a Run with record layers, the Lens view at the block output
 * and at core layer 1 (both lenses), then a probe of every core layer in the Probes view, each view of it.
 * Under Xvfb ({@code xvfb-run -a java … io.loopscope.ui.tour.LayersTour OUT [SAMPLES] [R]}; SAMPLES 0: the Lens view only) or Monocle.
 */
public final class LayersTour {
    private static WorkbenchContext ctx;
    private static Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "layers-tour");
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200, r = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Files.createDirectories(out);
        io.loopscope.inference.NativeSetup.apply();
        HuginnModelLoader loader = new HuginnModelLoader(() -> {
            try {
                return EmbeddedModel.directory();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "tour");
        AppServices services = new AppServices(new RunPipeline(loader, new AnalysisAdapter()), Settings.inMemory(), "tour",
                new AppServices.Start(null, "4+8+1+6+2+9+3+5=", false));
        Platform.startup(() -> { });
        fx(() -> {
            stage = new Stage();
            ctx = WorkbenchWindow.open(stage, services);
            ctx.run().iterationsProperty().set(32);
            ctx.run().layersProperty().set(true);
            ctx.runner().run();
            return null;
        });
        waitFor(() -> fx(() -> ctx.workbench().result() != null && !ctx.run().runningProperty().get()));
        LensViewModel lens = fx(() -> ctx.workbench().lens());
        fx(() -> {
            ctx.workbench().viewProperty().set(ViewType.LENS);
            lens.selection().focusProperty().set(15);
            return null;
        });
        Thread.sleep(1000);
        write(out, "lens-block-output");
        for (LensKind kind : LensKind.values()) {
            fx(() -> {
                lens.kindProperty().set(kind);
                lens.layerProperty().set(1);
                return null;
            });
            waitFor(() -> fx(() -> lens.request() == null && !lens.rows().isEmpty()));
            Thread.sleep(800);
            System.out.println(fx(() -> lens.titleProperty().get()));
            write(out, "lens-layer-1-" + kind.name().toLowerCase());
        }

        if (samples == 0) { // the Lens view only
            Platform.exit();
            System.exit(0);
        }
        ProbesViewModel vm = fx(() -> ctx.workbench().probes());
        fx(() -> {
            ctx.workbench().viewProperty().set(ViewType.PROBES);
            vm.taskProperty().set("sum");
            vm.labelProperty().set(ProbeLabel.RUNNING);
            vm.samplesProperty().set(samples);
            vm.iterationsProperty().set(r);
            vm.layersProperty().set(true);
            ctx.runner().runProbe();
            return null;
        });
        long t0 = System.nanoTime();
        waitFor(() -> fx(() -> !vm.runningProperty().get()));
        System.out.printf("probe: %.1f s — %s%n  %s%n", (System.nanoTime() - t0) / 1e9, fx(() -> vm.messageProperty().get() + " "
                + vm.errorProperty().get()), fx(() -> vm.summaryProperty().get()));
        var c = fx(() -> vm.resultProperty().get().curve());
        for (var p : c.points()) System.out.println("  " + p);
        Thread.sleep(1200);
        write(out, "probes-layers-every");
        for (ProbeLayerView v : fx(() -> vm.layerChoicesProperty().get())) {
            fx(() -> {
                vm.layerViewProperty().set(v);
                return null;
            });
            Thread.sleep(700);
            write(out, "probes-layers-" + v.toString().replace(' ', '-'));
        }
        Platform.exit();
        System.exit(0);
    }

    private static void write(Path out, String name) throws Exception {
        TourSupport.write(out, name, () -> stage.getScene());
    }
}
