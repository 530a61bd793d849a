package io.loopscope.ui.tour;

import static io.loopscope.ui.tour.TourSupport.fx;
import static io.loopscope.ui.tour.TourSupport.waitFor;

import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.figure.FigureWriter;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.view.Themes;
import io.loopscope.ui.view.WorkbenchContext;
import io.loopscope.ui.view.WorkbenchWindow;
import io.loopscope.ui.views.ViewType;
import io.loopscope.ui.vm.ProbesViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The Probes view on the shipped model: a run (so the views show), then the answer probe of sum and
 * the running-total probe, screenshots of each (light and dark), the figure in every format, and a
 * bad input. Headless under Monocle (the ui module's surefire argLine) or with a display:
 * <pre>
 * java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw … io.loopscope.ui.tour.ProbesTour OUT [SAMPLES] [R]
 * </pre>
 */
public final class ProbesTour {
    private static WorkbenchContext ctx;
    private static Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "probes-tour");
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200, r = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Files.createDirectories(out);
        io.loopscope.inference.NativeSetup.apply(); // as the app does: passive OpenMP threads, the CPU's native build
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
            ctx.runner().run();
            return null;
        });
        waitFor(() -> fx(() -> ctx.workbench().result() != null && !ctx.run().runningProperty().get()));
        ProbesViewModel vm = fx(() -> ctx.workbench().probes());
        probe(vm, ProbeLabel.ANSWER, samples, r);
        write(out, "probes");
        fx(() -> {
            Themes.apply(stage.getScene(), Themes.DARK, ctx);
            return null;
        });
        Thread.sleep(800);
        write(out, "probes-dark");
        fx(() -> {
            Themes.apply(stage.getScene(), Themes.LIGHT, ctx);
            return null;
        });
        var result = fx(() -> vm.resultProperty().get());
        for (FigureFormat f : FigureFormat.values()) {
            Path target = out.resolve("probe-answer." + f.extension());
            FigureWriter.write(Figures.probe(result, ctx.chartStyle()), f, target, 150);
            System.out.println("wrote " + target);
        }
        probe(vm, ProbeLabel.RUNNING, samples, r);
        write(out, "probes-running");
        probe(vm, ProbeLabel.ITERATION, samples, r);
        write(out, "probes-iteration");
        fx(() -> {
            vm.taskProperty().set("copy");
            vm.labelProperty().set(ProbeLabel.HOP);
            return null;
        });
        Thread.sleep(600);
        write(out, "probes-bad-label");
        Platform.exit();
        System.exit(0);
    }

    private static void probe(ProbesViewModel vm, ProbeLabel label, int samples, int r) throws Exception {
        fx(() -> {
            ctx.workbench().viewProperty().set(ViewType.PROBES);
            vm.sourceProperty().set(ProbesViewModel.Source.TASK);
            vm.taskProperty().set("sum");
            vm.labelProperty().set(label);
            vm.samplesProperty().set(samples);
            vm.iterationsProperty().set(r);
            ctx.runner().runProbe();
            return null;
        });
        long t0 = System.nanoTime();
        waitFor(() -> fx(() -> !vm.runningProperty().get()));
        System.out.printf("%s probe: %.1f s — %s%n  %s%n", label.id(), (System.nanoTime() - t0) / 1e9,
                fx(() -> vm.messageProperty().get() + " " + vm.errorProperty().get()), fx(() -> vm.summaryProperty().get()));
        var c = fx(() -> vm.resultProperty().get().curve());
        for (var p : c.points()) System.out.printf("  | %d | %.2f | %.2f | %.2f |%n", p.iteration(), p.accuracy(), p.controlAccuracy(), p.lensAccuracy());
        Thread.sleep(1200);
    }

    private static void write(Path out, String name) throws Exception {
        TourSupport.write(out, name, () -> stage.getScene());
    }
}
