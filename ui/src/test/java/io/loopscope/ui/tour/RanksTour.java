package io.loopscope.ui.tour;

import static io.loopscope.ui.tour.TourSupport.fx;
import static io.loopscope.ui.tour.TourSupport.waitFor;

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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The Ranks view on the shipped model with record layers on: the default tokens at the prompt's
 * last token, a core layer, typed tokens at another position, a token that is not in the
 * vocabulary, the figure's PNG/SVG/PDF export, the dark theme, and a run without layers asked for one. Runs headless under Monocle (or on a display):
 * <pre>
 * java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1600x1000-32 -cp … io.loopscope.ui.tour.RanksTour OUT [PROMPT]
 * </pre>
 */
public final class RanksTour {
    private static WorkbenchContext ctx;
    private static Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "ranks-tour");
        String prompt = args.length > 1 ? args[1] : "57+85=";
        Files.createDirectories(out);
        AppServices services = new AppServices(new RunPipeline(new HuginnModelLoader(() -> {
            try {
                return EmbeddedModel.directory();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "tour"), new AnalysisAdapter()), Settings.inMemory(), "tour", new AppServices.Start(null, prompt, false));
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
        fx(() -> {
            ctx.workbench().viewProperty().set(ViewType.RANKS);
            return null;
        });
        shoot(out, "ranks");
        fx(() -> {
            ctx.workbench().ranks().layerProperty().set(1);
            return null;
        });
        shoot(out, "ranks-core-layer-1");
        fx(() -> {
            ctx.workbench().ranks().layerProperty().set(0);
            ctx.workbench().selection().select(3);           // the second number's first digit
            ctx.workbench().ranks().tokensProperty().set("1 4 2 #0");
            ctx.workbench().selection().stepProperty().set(8);
            return null;
        });
        shoot(out, "ranks-typed");
        fx(() -> {
            ctx.workbench().ranks().tokensProperty().set("1 Q");
            return null;
        });
        shoot(out, "ranks-bad-token");
        var data = fx(() -> ctx.workbench().ranks().chart());
        for (FigureFormat f : FigureFormat.values()) {
            Path target = out.resolve("ranks-figure." + f.extension());
            FigureWriter.write(Figures.ranks(data, 8, ctx.chartStyle()), f, target, 150);
            System.out.println("wrote " + target);
        }
        fx(() -> {
            ctx.workbench().ranks().tokensProperty().set("");
            Themes.apply(stage.getScene(), Themes.DARK, ctx);
            return null;
        });
        shoot(out, "ranks-dark");
        fx(() -> {
            Themes.apply(stage.getScene(), Themes.LIGHT, ctx);
            ctx.run().layersProperty().set(false);
            ctx.runner().run();
            return null;
        });
        waitFor(() -> fx(() -> !ctx.run().runningProperty().get()));
        fx(() -> {
            ctx.workbench().ranks().layerProperty().set(1);   // as a session saved on a layered run would ask
            return null;
        });
        shoot(out, "ranks-no-layers");
        Platform.exit();
        System.exit(0);
    }

    private static void shoot(Path out, String name) throws Exception {
        waitFor(() -> fx(() -> !ctx.workbench().ranks().readingProperty().get()));
        Thread.sleep(1500);
        var image = fx(() -> stage.getScene().snapshot(null));
        File f = out.resolve(name + ".png").toFile();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", f);
        System.out.println("wrote " + f + ": " + fx(() -> ctx.workbench().ranks().messageProperty().get()));
    }
}
