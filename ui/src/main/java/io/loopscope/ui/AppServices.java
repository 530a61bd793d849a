package io.loopscope.ui;

import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the workbench needs from outside: how to run and analyse prompts, where to remember things, the
 * version for About, and what to show at start. The real app passes the engine and the analysis; tests
 * pass scripted ones.
 */
public record AppServices(RunPipeline pipeline, Settings settings, String version, Start start) {

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

    public AppServices(RunPipeline pipeline, Settings settings, String version) {
        this(pipeline, settings, version, Start.NOTHING);
    }

    public AppServices withStart(Start s) {
        return new AppServices(pipeline, settings, version, s);
    }
}
