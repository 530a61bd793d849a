package io.loopscope.app;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.ui.AppServices;
import io.loopscope.ui.LoopScopeLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Opens the workbench window; also what {@code loopscope} without a command does. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the LoopScope workbench (the default when no command is given).",
                "Runs prompts on the embedded model or a model folder and shows every iteration: token strip, trajectories in PC planes, "
                        + "convergence heatmap, metrics, logit lens, motifs, 3-D waterfall and run comparison."})
final class GuiCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "DIR", description = "A model folder to open at start (config.json + *.safetensors).")
    Path model;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Put this prompt in the prompt field (token ids for models without a tokenizer).")
    String prompt;

    @Option(names = "--run", description = "Run the prompt as soon as the window opens.")
    boolean run;

    @Override
    public Integer call() throws IOException {
        if (model != null && !Files.isDirectory(model)) throw new IOException(model + " is not a folder (a model is a folder with config.json)");
        open(new AppServices.Start(model, prompt, run && prompt != null));
        return 0;
    }

    /** Blocks until the window closes. */
    static void open(AppServices.Start start) {
        requireDisplay();
        AppServices services = LoopScopeLauncher.defaultServices(Version.current(), GuiCommand::embeddedOrNull).withStart(start);
        LoopScopeLauncher.launch(services);
    }

    private static Path embeddedOrNull() {
        if (!EmbeddedModel.available()) return null; // the picker then offers only "Open folder…"
        try {
            return EmbeddedModel.directory();
        } catch (IOException e) {
            return null;
        }
    }

    /** Without a display JavaFX fails deep inside its toolkit; say what is missing instead. */
    private static void requireDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        if (linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            throw new IllegalStateException("no display: the workbench needs a desktop session (DISPLAY is not set). "
                    + "On a server, run it under xvfb-run, or use the command-line tools (loopscope --help).");
        }
    }
}
