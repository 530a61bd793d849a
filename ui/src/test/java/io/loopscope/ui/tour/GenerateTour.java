package io.loopscope.ui.tour;

import static io.loopscope.ui.tour.TourSupport.fx;
import static io.loopscope.ui.tour.TourSupport.waitFor;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.trace.Trace;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.LoadedModel;
import io.loopscope.ui.engine.ModelLoader;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.figure.FigureWriter;
import io.loopscope.ui.figure.Figures;
import io.loopscope.ui.view.Themes;
import io.loopscope.ui.view.WorkbenchContext;
import io.loopscope.ui.view.WorkbenchWindow;
import io.loopscope.ui.vm.RunMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * The Generate mode on the shipped model, screenshot by screenshot: the answer streaming in, the
 * finished strip with its summary, a generated token in every view, the steps chart (light and
 * dark) and its SVG/PDF/PNG export. Needs a display (xvfb-run works), like {@link ScreenshotTour}:
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.forceGPU=true -cp … io.loopscope.ui.tour.GenerateTour OUT [PROMPT] [MS_PER_STEP]
 * </pre>
 * MS_PER_STEP (default 12) slows each loop step so that the streaming screenshot catches tokens
 * arriving; the embedded model would otherwise finish before the first frame.
 */
public final class GenerateTour {
    private static WorkbenchContext ctx;
    private static Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "generate-tour");
        String prompt = args.length > 1 ? args[1] : "47+85=";
        long slow = args.length > 2 ? Long.parseLong(args[2]) : 12;
        Files.createDirectories(out);
        ModelLoader real = new HuginnModelLoader(() -> {
            try {
                return EmbeddedModel.directory();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "tour");
        ModelLoader slowed = ref -> new Slowed(real.load(ref), slow);
        AppServices services = new AppServices(new RunPipeline(slowed, new AnalysisAdapter()), Settings.inMemory(), "tour",
                new AppServices.Start(null, prompt, false));
        Platform.startup(() -> { });
        fx(() -> {
            stage = new Stage();
            ctx = WorkbenchWindow.open(stage, services);
            ctx.run().modeProperty().set(RunMode.GENERATE);
            ctx.run().iterationsProperty().set(32);
            ctx.run().generate().maxNewTokensProperty().set(12);
            ctx.run().generate().criterionProperty().set(ExitCriterion.KL);
            ctx.runner().run();
            return null;
        });
        waitFor(() -> fx(() -> ctx.workbench().live().tokensProperty().get().size() >= 4));
        write(out, "generate-streaming");
        waitFor(() -> fx(() -> ctx.workbench().result() != null && !ctx.run().runningProperty().get()));
        int p = fx(() -> ctx.workbench().result().trace().generation().settings().promptLength());
        System.out.println(fx(() -> ctx.workbench().tokenStrip().summary()));
        System.out.println(fx(() -> ctx.run().messageProperty().get()));
        fx(() -> {
            ctx.workbench().selection().click(p, false, false);        // the first generated token fed back
            ctx.workbench().selection().click(p + 1, true, false);
            ctx.workbench().selection().click(p - 1, true, false);     // and the prompt's last, for contrast
            return null;
        });
        shoot(out, "generate-trajectories", io.loopscope.ui.views.ViewType.TRAJECTORIES.ordinal());
        fx(() -> {
            ctx.workbench().selection().click(p + 1, false, false);
            return null;
        });
        shoot(out, "generate-lens", io.loopscope.ui.views.ViewType.LENS.ordinal());
        shoot(out, "generate-metrics", io.loopscope.ui.views.ViewType.METRICS.ordinal());
        shoot(out, "generate-heatmap", io.loopscope.ui.views.ViewType.HEATMAP.ordinal());
        shoot(out, "generate-steps", io.loopscope.ui.views.ViewType.STEPS.ordinal());
        Process grab = new ProcessBuilder("import", "-window", "root", out.resolve("generate-root.png").toString()).inheritIO().start();
        System.out.println("import -window root: exit " + grab.waitFor());
        var steps = fx(() -> ctx.workbench().steps().data());
        var sel = fx(() -> List.copyOf(ctx.workbench().selection().tokens()));
        for (FigureFormat f : FigureFormat.values()) {
            Path target = out.resolve("steps-per-token." + f.extension());
            FigureWriter.write(Figures.steps(steps, sel, ctx.chartStyle()), f, target, 150);
            System.out.println("wrote " + target);
        }
        fx(() -> {
            ctx.runner().runCompare(); // B: the generated text in one pass at fixed R
            return null;
        });
        waitFor(() -> fx(() -> ctx.compare().rightProperty().get() != null && !ctx.run().runningProperty().get()));
        System.out.println(fx(() -> ctx.compare().verdictProperty().get()));
        shoot(out, "generate-compare", io.loopscope.ui.views.ViewType.COMPARE.ordinal());
        fx(() -> {
            Themes.apply(stage.getScene(), Themes.DARK, ctx);
            return null;
        });
        shoot(out, "generate-steps-dark", io.loopscope.ui.views.ViewType.STEPS.ordinal());
        Platform.exit();
        System.exit(0);
    }

    /** The real model, each loop step of a generation a little slower (so a frame can show the stream). */
    private record Slowed(LoadedModel model, long millis) implements LoadedModel {
        @Override public String name() { return model.name(); }
        @Override public String description() { return model.description(); }
        @Override public boolean hasTokenizer() { return model.hasTokenizer(); }
        @Override public long[] encode(String prompt) { return model.encode(prompt); }
        @Override public String tokenString(long id) { return model.tokenString(id); }
        @Override public java.util.Set<Long> endTokenIds() { return model.endTokenIds(); }
        @Override public String decode(long[] ids) { return model.decode(ids); }

        @Override
        public Trace trace(io.loopscope.inference.trace.TraceRequest request, List<String> tokenStrings, java.util.function.IntConsumer progress,
                           BooleanSupplier cancelled) {
            return model.trace(request, tokenStrings, progress, cancelled);
        }

        @Override
        public Trace generate(GenerationRequest request, GenerationListener listener, BooleanSupplier cancelled) {
            return model.generate(request, new GenerationListener() {
                @Override
                public void onStep(int position, int step) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    listener.onStep(position, step);
                }

                @Override
                public void onToken(int index, long id, int position, int steps) {
                    listener.onToken(index, id, position, steps);
                }
            }, cancelled);
        }
    }

    private static void shoot(Path out, String name, int tab) throws Exception {
        fx(() -> {
            ((TabPane) stage.getScene().lookup(".tab-pane")).getSelectionModel().select(tab);
            return null;
        });
        Thread.sleep(1500);
        write(out, name);
    }

    private static void write(Path out, String name) throws Exception {
        TourSupport.write(out, name, () -> stage.getScene());
    }
}
