package io.loopscope.ui;

import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.Settings;
import java.util.Objects;

/**
 * What the workbench needs from outside: how to run and analyse prompts, where to remember things, and
 * the version for About. The real app passes the engine and the analysis; tests pass scripted ones.
 */
public record AppServices(RunPipeline pipeline, Settings settings, String version) {
    public AppServices {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(settings, "settings");
        version = version == null ? "dev" : version;
    }
}
