package io.loopscope.ui.view;

import io.loopscope.ui.AppServices;
import io.loopscope.ui.task.FxTaskExecutor;
import io.loopscope.ui.task.TaskExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Builds the main window from MainWindow.fxml, giving every controller the shared context. */
public final class WorkbenchWindow {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkbenchWindow.class);

    private WorkbenchWindow() {
    }

    /** Loads the workbench into the stage and shows it; returns the context (tests drive its view models). */
    public static WorkbenchContext open(Stage stage, AppServices services) {
        return open(stage, services, new FxTaskExecutor());
    }

    /** As {@link #open(Stage, AppServices)}, with background work on tasks (tests: a {@link io.loopscope.ui.task.SameThreadTaskExecutor}). */
    public static WorkbenchContext open(Stage stage, AppServices services, TaskExecutor tasks) {
        WorkbenchContext ctx = new WorkbenchContext(Objects.requireNonNull(services, "services"), Objects.requireNonNull(tasks, "tasks"));
        Parent root = load(ctx);
        // never larger than the screen: a window hanging off the edge hides the status line
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        stage.setScene(scene);
        ctx.setWindow(stage);
        Themes.apply(scene, services.settings().theme(), ctx);
        stage.setTitle("LoopScope — looped language model workbench");
        stage.setOnHidden(e -> {
            ctx.tasks().shutdown();
            if (ctx.autosave() != null) ctx.autosave().cleanExit();
        });
        stage.show();
        // the first pulse after show(): the window is on screen and takes input — the startup figure the README reports
        // (only when asked for: the management bean costs start-up time of its own)
        if (LOG.isInfoEnabled()) {
            javafx.application.Platform.runLater(() -> LOG.info("window ready {} ms after the JVM started",
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()));
        }
        if (ctx.autosave() != null) javafx.application.Platform.runLater(ctx.autosave()::offerAtStart); // after the window is up
        applyStart(ctx, services.start());
        return ctx;
    }

    private static void applyStart(WorkbenchContext ctx, AppServices.Start start) {
        if (start.model() != null) ctx.run().openFolder(start.model());
        if (start.prompt() != null) {
            // a prompt from the command line is a Run, whatever mode the last session's prompt left the bar in
            ctx.run().modeProperty().set(io.loopscope.ui.vm.RunMode.RUN);
            ctx.run().promptProperty().set(start.prompt());
        }
        if (start.run()) ctx.runner().run();
    }

    static Parent load(WorkbenchContext ctx) {
        FXMLLoader loader = new FXMLLoader(WorkbenchWindow.class.getResource("/io/loopscope/ui/MainWindow.fxml"));
        // every controller (main and included) gets the context through its one-argument constructor
        loader.setControllerFactory(type -> {
            try {
                return type.getConstructor(WorkbenchContext.class).newInstance(ctx);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("controller " + type.getName() + " needs a (WorkbenchContext) constructor", e);
            }
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the workbench layout could not be loaded", e);
        }
    }
}
