package io.loopscope.ui.tour;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javax.imageio.ImageIO;

/** What every screenshot tour does: run on the FX thread, wait for the workbench, write a scene as PNG. */
final class TourSupport {
    /** Long enough for a 200-prompt probe on a busy 2-core machine. */
    static final long TIMEOUT_MILLIS = 600_000;

    private TourSupport() {
    }

    /** Runs c on the FX thread and waits for its result. */
    static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get();
    }

    /** Polls condition every 100 ms until it holds (it is called off the FX thread). */
    static void waitFor(Callable<Boolean> condition) throws Exception {
        long end = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!condition.call()) {
            if (System.currentTimeMillis() > end) throw new IllegalStateException("timed out");
            Thread.sleep(100);
        }
    }

    /** Snapshots the scene on the FX thread and writes OUT/NAME.png. */
    static void write(Path out, String name, Callable<Scene> scene) throws Exception {
        var image = fx(() -> scene.call().snapshot(null));
        File f = out.resolve(name + ".png").toFile();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", f);
        System.out.println("wrote " + f + " (" + f.length() / 1024 + " KB)");
    }
}
