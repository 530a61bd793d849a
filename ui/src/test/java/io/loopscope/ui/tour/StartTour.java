package io.loopscope.ui.tour;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import io.loopscope.ui.view.Themes;
import io.loopscope.ui.view.WorkbenchContext;
import io.loopscope.ui.view.WorkbenchWindow;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The workbench as a newcomer first sees it — the start panel, on the embedded model, light and dark
 * (docs/screenshots/start.png). Needs a display, like {@link ScreenshotTour}:
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -cp … io.loopscope.ui.tour.StartTour docs/screenshots
 * </pre>
 */
public final class StartTour {
    private static Stage stage;
    private static WorkbenchContext ctx;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        var loader = new HuginnModelLoader(() -> {
            try {
                return EmbeddedModel.directory();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "tour");
        AppServices services = new AppServices(new RunPipeline(loader, new AnalysisAdapter()), Settings.inMemory(), "tour");
        Platform.startup(() -> { });
        fx(() -> {
            stage = new Stage();
            ctx = WorkbenchWindow.open(stage, services);
            return null;
        });
        Thread.sleep(1500);
        write(out, "start");
        fx(() -> {
            Themes.apply(stage.getScene(), Themes.DARK, ctx);
            return null;
        });
        Thread.sleep(800);
        write(out, "dark-start");
        Platform.exit();
        System.exit(0);
    }

    private static void write(Path out, String name) throws Exception {
        var image = fx(() -> stage.getScene().snapshot(null));
        File f = out.resolve(name + ".png").toFile();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", f);
        System.out.println("wrote " + f + " (" + f.length() / 1024 + " KB)");
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get();
    }
}
