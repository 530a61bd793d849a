package io.loopscope.ui;

import io.loopscope.ui.view.WorkbenchWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started only through {@link LoopScopeLauncher} (a main class that does not
 * extend Application, so the JavaFX modules can come from the class path).
 */
public final class LoopScopeApp extends Application {
    private static volatile AppServices services;

    static void use(AppServices s) {
        services = s;
    }

    @Override
    public void start(Stage stage) {
        WorkbenchWindow.open(stage, services);
    }
}
