package io.loopscope.ui;

import io.loopscope.ui.engine.Analyzer;
import io.loopscope.ui.engine.FileSettings;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.RunPipeline;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.application.Application;

/**
 * Starts the workbench. Deliberately not an Application subclass: the JDK's launcher insists on the
 * javafx.graphics module when the main class extends Application, which a class-path app does not have.
 */
public final class LoopScopeLauncher {
    private LoopScopeLauncher() {
    }

    /** Blocks until the window is closed. */
    public static void launch(AppServices services, String... args) {
        LoopScopeApp.use(services);
        Application.launch(LoopScopeApp.class, args);
    }

    /** The real services: the engine on model folders, the analysis module, settings in the home folder. */
    public static AppServices defaultServices(String version, Supplier<Path> embeddedModel) {
        Analyzer analyzer = new io.loopscope.ui.engine.AnalysisAdapter();
        return new AppServices(new RunPipeline(new HuginnModelLoader(embeddedModel, version), analyzer),
                FileSettings.inUserHome(), version).withRecovery(AppServices.defaultRecoveryFile());
    }

    public static void main(String[] args) {
        launch(defaultServices("dev", () -> null), args);
    }
}
