package io.loopscope.ui;

import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the workbench needs from outside: how to run and analyse prompts, where to remember things, the
 * version for About, and what to show at start. The real app passes the engine and the analysis; tests
 * pass scripted ones. recoveryFile is where the session is autosaved for crash recovery (null: no
 * autosave, as in tests).
 */
public record AppServices(RunPipeline pipeline, Settings settings, String version, Start start, Path recoveryFile) {

    /**
     * What the window does when it opens (the command line's gui options).
     *
     * @param model  a model folder to add to the picker and select, or null
     * @param prompt a prompt to put in the field, or null
     * @param run    run it right away
     */
    public record Start(Path model, String prompt, boolean run) {
        public static final Start NOTHING = new Start(null, null, false);
    }

    public AppServices {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(settings, "settings");
        version = version == null ? "dev" : version;
        start = start == null ? Start.NOTHING : start;
    }

    public AppServices(RunPipeline pipeline, Settings settings, String version, Start start) {
        this(pipeline, settings, version, start, null);
    }

    public AppServices(RunPipeline pipeline, Settings settings, String version) {
        this(pipeline, settings, version, Start.NOTHING, null);
    }

    public AppServices withStart(Start s) {
        return new AppServices(pipeline, settings, version, s, recoveryFile);
    }

    public AppServices withRecovery(Path file) {
        return new AppServices(pipeline, settings, version, start, file);
    }

    /** ~/.cache/loopscope/recovery.npz (or under $XDG_CACHE_HOME), beside the extracted embedded model. */
    public static Path defaultRecoveryFile() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("loopscope").resolve("recovery.npz");
    }
}
