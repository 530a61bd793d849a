package io.loopscope.ui.vm;

import io.loopscope.ui.engine.GenerateSettings;
import io.loopscope.ui.engine.GenerateSettingsJson;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.engine.RunSpec.InitMode;
import io.loopscope.ui.engine.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run bar: Run or Generate, prompt with history, model picker (embedded, recent folders),
 * iterations, s0 init, record layers, the Generate settings, and the state of the run in flight (progress,
 * message) plus the status line once it is done. The history remembers each prompt's mode,
 * Generate settings and layer recording, so recalling a prompt recalls how it ran. No controls here — the controller
 * binds to these properties; tests drive them directly.
 */
public final class RunViewModel {
    public static final int MAX_ITERATIONS = io.loopscope.inference.trace.TraceRequest.DEFAULT_MAX_ITERATIONS;

    private final StringProperty prompt = new SimpleStringProperty("");
    private final ObservableList<ModelRef> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelRef> model = new SimpleObjectProperty<>();
    private final IntegerProperty iterations = new SimpleIntegerProperty(32);
    private final ObjectProperty<InitMode> init = new SimpleObjectProperty<>(InitMode.RANDOM);
    private final LongProperty seed = new SimpleLongProperty(0);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("Type a prompt and press Run (Ctrl+Enter).");
    private final StringProperty status = new SimpleStringProperty("No run yet");
    private final StringProperty promptHint = new SimpleStringProperty("Prompt");
    private final ObjectProperty<RunMode> mode = new SimpleObjectProperty<>(RunMode.RUN);
    /** Record every core layer's output too (a Run only: Generate does not record layers). */
    private final BooleanProperty layers = new SimpleBooleanProperty(false);
    private final GenerateSettingsViewModel generate = new GenerateSettingsViewModel();
    /** Why the Generate settings cannot run as they are ("" when they can), shown beside them as they are typed. */
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final PromptHistory history;
    /** Prompt → the Generate settings it last ran with (JSON); absent: it last ran in Run mode. */
    private final Map<String, String> generateHistory;
    /** The history prompts last run with layers recorded. */
    private final List<String> layerHistory;
    private final Settings settings;

    public RunViewModel(Settings settings, boolean embeddedAvailable) {
        this.settings = settings;
        this.history = new PromptHistory(settings.promptHistory());
        if (embeddedAvailable) models.add(ModelRef.embeddedModel());
        for (String dir : settings.recentModels()) {
            ModelRef ref = ModelRef.folder(Path.of(dir));
            if (!models.contains(ref)) models.add(ref);
        }
        if (!models.isEmpty()) model.set(models.getFirst());
        generateHistory = new LinkedHashMap<>(settings.generateHistory());
        layerHistory = new ArrayList<>(settings.layerHistory());
        if (!history.entries().isEmpty()) {
            prompt.set(history.entries().getFirst());
            recall(prompt.get()); // the last session's mode and settings come back with its last prompt
        }
        List<Observable> checked = new ArrayList<>(List.of(generate.observables()));
        checked.add(mode);
        checked.add(iterations);
        for (Observable o : checked) o.addListener(x -> checkGenerate());
        checkGenerate();
    }

    public StringProperty promptProperty() { return prompt; }
    public ObservableList<ModelRef> models() { return models; }
    public ObjectProperty<ModelRef> modelProperty() { return model; }
    public IntegerProperty iterationsProperty() { return iterations; }
    public ObjectProperty<InitMode> initProperty() { return init; }
    public LongProperty seedProperty() { return seed; }
    public BooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty messageProperty() { return message; }
    public StringProperty statusProperty() { return status; }
    public StringProperty promptHintProperty() { return promptHint; }
    public ObjectProperty<RunMode> modeProperty() { return mode; }
    public BooleanProperty layersProperty() { return layers; }
    public GenerateSettingsViewModel generate() { return generate; }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public BooleanBinding generating() {
        return mode.isEqualTo(RunMode.GENERATE);
    }

    /** Run is possible when nothing runs, a model is chosen and the prompt is not empty. */
    public BooleanBinding canRun() {
        return Bindings.createBooleanBinding(() -> !running.get() && model.get() != null && !prompt.get().isBlank(),
                running, model, prompt);
    }

    public BooleanBinding seedEnabled() {
        return init.isEqualTo(InitMode.RANDOM);
    }

    public void historyUp() {
        prompt.set(history.previous(prompt.get()));
        recall(prompt.get());
    }

    public void historyDown() {
        prompt.set(history.next(prompt.get()));
        recall(prompt.get());
    }

    /** A prompt from the history brings back the mode, Generate settings and layer recording it last ran with (a draft changes nothing). */
    private void recall(String p) {
        if (!history.entries().contains(p)) return;
        GenerateSettings g = GenerateSettingsJson.decode(generateHistory.get(p));
        if (g != null) generate.apply(g);
        mode.set(g != null ? RunMode.GENERATE : RunMode.RUN);
        layers.set(layerHistory.contains(p));
    }

    /** Puts a spec's mode and settings into the bar (a reopened session). */
    public void show(RunSpec spec) {
        prompt.set(spec.prompt());
        iterations.set(spec.iterations());
        init.set(spec.init());
        seed.set(spec.seed());
        if (spec.generates()) generate.apply(spec.generate());
        mode.set(spec.generates() ? RunMode.GENERATE : RunMode.RUN);
        layers.set(spec.layers());
    }

    private void checkGenerate() {
        if (mode.get() != RunMode.GENERATE) {
            problem.set("");
            return;
        }
        try {
            new RunSpec(ModelRef.embeddedModel(), "", iterations.get(), InitMode.ZEROS, 0, io.loopscope.inference.trace.TraceRequest.DEFAULT_TOP_K, generate.toSettings());
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
        }
    }

    public List<String> historyEntries() {
        return history.entries();
    }

    /** Adds a model folder to the picker (front of the recent list) and selects it. */
    public void openFolder(Path dir) {
        ModelRef ref = ModelRef.folder(dir);
        models.remove(ref);
        int at = !models.isEmpty() && models.getFirst().embedded() ? 1 : 0;
        models.add(at, ref);
        model.set(ref);
        List<String> recent = new ArrayList<>();
        for (ModelRef m : models) if (!m.embedded()) recent.add(m.directory().toString());
        settings.saveRecentModels(recent);
    }

    /** The spec of the Run button; throws IllegalArgumentException with a message for the user. */
    public RunSpec toSpec() {
        if (model.get() == null) throw new IllegalArgumentException("choose a model first (Model → Open folder…)");
        if (prompt.get().isBlank()) throw new IllegalArgumentException("the prompt is empty");
        int r = iterations.get();
        if (r < 0 || r > MAX_ITERATIONS) throw new IllegalArgumentException("iterations must be between 0 and " + MAX_ITERATIONS);
        boolean generating = mode.get() == RunMode.GENERATE;
        // layers are a Run's: Generate keeps the toggle as it is for the next Run, and records none
        return new RunSpec(model.get(), prompt.get(), r, init.get(), seed.get(), io.loopscope.inference.trace.TraceRequest.DEFAULT_TOP_K,
                generating ? generate.toSettings() : null, !generating && layers.get());
    }

    /** Called as the run starts: remembers the prompt, with its mode and Generate settings. */
    public void started(RunSpec spec) {
        history.add(spec.prompt());
        settings.savePromptHistory(history.entries());
        if (spec.generates()) generateHistory.put(spec.prompt(), GenerateSettingsJson.encode(spec.generate()));
        else generateHistory.remove(spec.prompt());
        generateHistory.keySet().retainAll(history.entries());
        settings.saveGenerateHistory(generateHistory);
        layerHistory.remove(spec.prompt());
        if (spec.layers()) layerHistory.addFirst(spec.prompt());
        layerHistory.retainAll(history.entries());
        settings.saveLayerHistory(layerHistory);
        running.set(true);
        progress.set(-1);
    }

    public void progressed(String text, double fraction) {
        message.set(text);
        progress.set(fraction);
    }

    public void finished(RunResult r) {
        running.set(false);
        progress.set(0);
        var g = r.trace().generation();
        message.set(g == null ? "Done: " + r.model().name() + " — " + r.model().description()
                : "Generated \"" + TokenStripViewModel.display(g.settings().text().isEmpty() ? String.join("", r.model().tokenStrings(g.generatedIds()))
                        : g.settings().text()) + "\" (stopped: " + g.settings().stopReason() + ")");
        status.set(statusLine(r));
    }

    public void failed(String why) {
        running.set(false);
        progress.set(0);
        message.set("Failed: " + why);
    }

    public void cancelled() {
        running.set(false);
        progress.set(0);
        message.set("Cancelled — the previous result stays on screen.");
    }

    /** "1.24 s (trace 1.10 s, analysis 0.14 s) · 32 tokens · 64 iterations · trace 2.1 MB" ("6 prompt + 3 generated tokens" for a generation). */
    public static String statusLine(RunResult r) {
        double total = (r.traceMs() + r.analysisMs()) / 1000;
        var g = r.trace().generation();
        String tokens = g == null ? r.tokens() + " tokens"
                : g.settings().promptLength() + " prompt + " + g.generatedIds().length + " generated tokens";
        return String.format(Locale.ROOT, "%s · %.2f s (model %.2f s, analysis %.2f s) · %s · %d iterations · trace %s",
                r.trace().info().model(), total, r.traceMs() / 1000, r.analysisMs() / 1000, tokens, r.iterations(),
                human(r.trace().sizeInBytes()));
    }

    static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1L << 20) return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        if (bytes < 1L << 30) return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30));
    }
}
