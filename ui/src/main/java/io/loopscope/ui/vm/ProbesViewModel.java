package io.loopscope.ui.vm;

import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeLayers;
import io.loopscope.analysis.probe.ProbeSet;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.analysis.probe.ProbeSource;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Tasks;
import io.loopscope.ui.chart.ProbeLayerView;
import io.loopscope.ui.engine.ProbeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Probes view: the settings of {@code loopscope probe} (prompts from a task or a JSONL file,
 * label, position, iterations, samples, folds, seed), checked as they are typed by the same rules and
 * with the same messages, the probe in flight, and the last result with its summary line. The probe
 * reads its own prompts, not the run's: it runs on the run bar's model. No controls here.
 */
public final class ProbesViewModel {
    /** Where the prompts come from. */
    public enum Source { TASK, FILE }

    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.TASK);
    private final StringProperty task = new SimpleStringProperty("sum");
    /** "MIN..MAX" or "N"; blank: the task's training range. */
    private final StringProperty difficulty = new SimpleStringProperty("");
    private final StringProperty file = new SimpleStringProperty("");
    private final ObjectProperty<ProbeLabel> label = new SimpleObjectProperty<>(ProbeLabel.ANSWER);
    /** Which running total or hop, from 1; 0: the last before the answer. */
    private final IntegerProperty position = new SimpleIntegerProperty(0);
    private final IntegerProperty iterations = new SimpleIntegerProperty(16);
    private final IntegerProperty samples = new SimpleIntegerProperty(200);
    private final IntegerProperty folds = new SimpleIntegerProperty(5);
    private final LongProperty seed = new SimpleLongProperty(0);
    /** Also probe every loop layer's output (probe --layers). */
    private final BooleanProperty layers = new SimpleBooleanProperty(false);

    /** What is wrong with the settings as typed ("" when they can run). */
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("Choose the prompts and a label, then Run probe.");
    /** Why the last probe failed ("" when it did not). */
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ProbeResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    /** The chart's choices of a result with layer probes (empty without: nothing to choose), and the one drawn. */
    private final ReadOnlyObjectWrapper<List<ProbeLayerView>> layerChoices = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<ProbeLayerView> layerView = new SimpleObjectProperty<>(ProbeLayerView.BLOCK);

    public ProbesViewModel() {
        for (Observable o : new Observable[] {source, task, difficulty, file, label, position, iterations, samples, folds, seed, layers}) {
            o.addListener(x -> check());
        }
        result.addListener((o, a, r) -> {
            summary.set(r == null ? "" : r.summary());
            layerChoices.set(ProbeLayerView.choices(r));
            // a rerun of a layered probe keeps the layer chosen; anything else opens as its default (every layer when it has them)
            boolean keep = a != null && a.curve().hasLayers() && layerChoices.get().contains(layerView.get());
            if (!keep) layerView.set(ProbeLayerView.defaultFor(r));
        });
        layerView.addListener((o, a, v) -> {
            if (!offered(v)) layerView.set(offered(a) ? a : ProbeLayerView.defaultFor(result.get())); // only what the result offers
        });
        check();
    }

    public ObjectProperty<Source> sourceProperty() { return source; }
    public StringProperty taskProperty() { return task; }
    public StringProperty difficultyProperty() { return difficulty; }
    public StringProperty fileProperty() { return file; }
    public ObjectProperty<ProbeLabel> labelProperty() { return label; }
    public IntegerProperty positionProperty() { return position; }
    public IntegerProperty iterationsProperty() { return iterations; }
    public IntegerProperty samplesProperty() { return samples; }
    public IntegerProperty foldsProperty() { return folds; }
    public LongProperty seedProperty() { return seed; }
    /** Also probe every loop layer's output, as probe --layers. */
    public BooleanProperty layersProperty() { return layers; }
    /** What the chart can show of the result: empty without layer probes (the choice is then hidden), else every layer, the block output, each layer. */
    public ReadOnlyObjectProperty<List<ProbeLayerView>> layerChoicesProperty() { return layerChoices.getReadOnlyProperty(); }
    /** Which probe the chart draws; only one of {@link #layerChoicesProperty} (or the block output) is taken. */
    public ObjectProperty<ProbeLayerView> layerViewProperty() { return layerView; }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public BooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty messageProperty() { return message; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ProbeResult> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    private boolean offered(ProbeLayerView v) {
        return v != null && (layerChoices.get().isEmpty() ? v.equals(ProbeLayerView.BLOCK) : layerChoices.get().contains(v));
    }

    /** The tasks of the suite, in their order. */
    public List<String> tasks() {
        return Tasks.names();
    }

    public BooleanBinding fromTask() {
        return source.isEqualTo(Source.TASK);
    }

    /** Position picks a running total or a hop: the other labels have one place to read. */
    public BooleanBinding positionEnabled() {
        return Bindings.createBooleanBinding(this::positionMatters, label);
    }

    private boolean positionMatters() {
        return label.get() == ProbeLabel.RUNNING || label.get() == ProbeLabel.HOP;
    }

    /** Run probe is possible when nothing runs and the settings as typed are acceptable (the caller adds "no run in flight"). */
    public BooleanBinding canRun() {
        return Bindings.createBooleanBinding(() -> !running.get() && problem.get().isEmpty(), running, problem);
    }

    /** The training range the difficulty field falls back to, for its hint ("2..6"). */
    public String trainingRange() {
        try {
            return Tasks.byName(task.get()).training().toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The settings as typed; IllegalArgumentException with the command line's message when they cannot run. */
    public ProbeSettings toSettings() {
        ProbeSource from;
        if (source.get() == Source.FILE) {
            String f = file.get() == null ? "" : file.get().strip();
            if (f.isEmpty()) throw new IllegalArgumentException("choose a JSONL file of prompts (one {\"prompt\": …, \"label\": \"c\"} per line)");
            from = new ProbeSource.FilePrompts(Path.of(f));
        } else {
            String d = difficulty.get() == null ? "" : difficulty.get().strip();
            from = new ProbeSource.TaskPrompts(task.get(), d.isEmpty() ? null : Range.parse(d, "--difficulty"), samples.get());
        }
        return new ProbeSettings(from, label.get(), positionMatters() && position.get() > 0 ? position.get() : null,
                iterations.get(), folds.get(), seed.get(), layers.get() ? ProbeLayers.ALL : ProbeLayers.NONE);
    }

    /**
     * Settings and, for a task, its questions: a label the task lacks or a position no prompt reaches
     * is said as it is chosen (drawing a task's prompts is instant). A file is read only when the probe
     * runs, off the UI thread.
     */
    private void check() {
        try {
            ProbeSettings s = toSettings();
            if (s.source() instanceof ProbeSource.TaskPrompts) ProbeSet.of(s);
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a task reads no file
        }
    }

    /** Puts settings into the fields (a reopened session). */
    public void show(ProbeSettings s) {
        switch (s.source()) {
            case ProbeSource.TaskPrompts t -> {
                source.set(Source.TASK);
                task.set(t.task());
                difficulty.set(t.difficulty() == null ? "" : t.difficulty().toString());
                samples.set(t.samples());
            }
            case ProbeSource.FilePrompts f -> {
                source.set(Source.FILE);
                file.set(f.file().toString());
            }
        }
        label.set(s.label());
        position.set(s.position() == null ? 0 : s.position());
        iterations.set(s.iterations());
        folds.set(s.folds());
        seed.set(s.seed());
        layers.set(s.layers().any());
    }

    /** The settings as typed when they can run, else null (what a session saves of the form). */
    public ProbeSettings settingsOrNull() {
        return problem.get().isEmpty() ? toSettings() : null;
    }

    /** A session's probe: its form, then its last curve (either may be null). */
    public void restore(ProbeSettings form, ProbeResult last) {
        if (form != null) show(form);
        else if (last != null) show(last.settings());
        result.set(last);
        error.set("");
        message.set(last == null ? "Choose the prompts and a label, then Run probe." : "From the session: " + last.settings().source().describe());
    }

    public void started() {
        running.set(true);
        progress.set(-1);
        error.set("");
        message.set("Starting the probe…");
    }

    public void progressed(String text, double fraction) {
        message.set(text);
        progress.set(fraction);
    }

    public void finished(ProbeResult r) {
        running.set(false);
        progress.set(0);
        result.set(r);
        message.set("Done: " + r.prompts() + " prompts × " + (r.settings().iterations() + 1) + " states on " + r.model());
    }

    /** The probe could not run: why, in the command line's words; the last curve stays on screen. */
    public void failed(String why) {
        running.set(false);
        progress.set(0);
        error.set(why);
        message.set(result.get() == null ? "" : "The last probe stays on screen.");
    }

    public void cancelled() {
        running.set(false);
        progress.set(0);
        message.set("Cancelled — the last probe stays on screen.");
    }
}
