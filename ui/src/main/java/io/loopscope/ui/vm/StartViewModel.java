package io.loopscope.ui.vm;

import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.demo.ExamplePrompts.Example;
import io.loopscope.ui.engine.ModelRef;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The start panel a newcomer sees while no run is loaded: the teaching demos by their one-line titles,
 * one example prompt per task of the embedded model, and opening a model folder — each one click.
 * What a click does goes through {@link Actions}, so this model tests without a toolkit (the window
 * wires the actions to the run coordinator, the demos and the folder chooser).
 */
public final class StartViewModel {

    /** What the panel's clicks ask of the workbench. */
    public interface Actions {
        /** Runs the run bar as it is now (the Run button). */
        void run();

        /** Runs a demo and starts its tour. */
        void startDemo(Demo demo);

        /** Asks for a model folder and puts it in the picker. */
        void openModelFolder();
    }

    private final RunViewModel run;
    private final boolean embedded;
    private final ReadOnlyObjectWrapper<List<Demo>> demos = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Example>> examples = new ReadOnlyObjectWrapper<>(List.of());
    private final Actions actions;
    private final BooleanBinding visible;

    /**
     * The panel starts without offers; {@link #offer} fills them in once the catalog has been read.
     *
     * @param embedded whether this build carries the embedded model (the demos and examples run on it)
     */
    public StartViewModel(WorkbenchViewModel workbench, RunViewModel run, boolean embedded, Actions actions) {
        this.run = run;
        this.embedded = embedded;
        this.actions = Objects.requireNonNull(actions, "actions");
        var live = workbench.live().activeProperty();
        visible = Bindings.createBooleanBinding(() -> workbench.result() == null && !run.runningProperty().get() && !live.get(),
                workbench.resultProperty(), run.runningProperty(), live);
    }

    /** Shown while no run is loaded and none is under way (on a first start, and after a first run failed). */
    public BooleanBinding visible() {
        return visible;
    }

    /**
     * What to offer: the demo catalog in menu order, and one example per task of the embedded model
     * (both ignored when the build has no embedded model: they run on it).
     */
    public void offer(List<Demo> catalog, List<Example> perTask) {
        demos.set(embedded ? List.copyOf(catalog) : List.of());
        examples.set(embedded ? List.copyOf(perTask) : List.of());
    }

    public ReadOnlyObjectProperty<List<Demo>> demosProperty() { return demos.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<Example>> examplesProperty() { return examples.getReadOnlyProperty(); }

    /** The demos on offer. */
    public List<Demo> demos() {
        return demos.get();
    }

    /** The example prompts on offer. */
    public List<Example> examples() {
        return examples.get();
    }

    public boolean hasEmbeddedModel() {
        return embedded;
    }

    /** The line under the panel's title. */
    public String lead() {
        return embedded
                ? "LoopScope runs a looped language model, records every iteration of every token and shows how each one settles on its answer."
                + " Start with a guided demo or one of the embedded model's tasks — or type any prompt above and press Run (Ctrl+Enter)."
                : "This build has no embedded model: open a Huginn- or Ouro-format model folder, type a prompt above and press Run (Ctrl+Enter).";
    }

    /** "4 hops", "6 operands", "3 digits each": an example's difficulty in words. */
    public static String difficulty(Example e) {
        String[] kv = e.difficulty().split("=", 2);
        if (kv.length != 2) return e.difficulty();
        String unit = kv[1].equals("1") && kv[0].endsWith("s") ? kv[0].substring(0, kv[0].length() - 1) : kv[0];
        return kv[1] + " " + unit + (kv[0].equals("digits") ? " each" : "");
    }

    /** An example was clicked: it becomes the prompt of a Run on the embedded model, and runs. */
    public void tryExample(Example e) {
        if (run.runningProperty().get() || !embedded) return;
        ModelRef m = ModelRef.embeddedModel();
        if (!run.models().contains(m)) run.models().addFirst(m);
        run.modelProperty().set(m);
        run.modeProperty().set(RunMode.RUN); // the answer is the next token: one pass shows it in the lens
        run.promptProperty().set(e.prompt());
        actions.run();
    }

    /** A demo was clicked. */
    public void startDemo(Demo d) {
        if (run.runningProperty().get() || !embedded) return;
        actions.startDemo(d);
    }

    /** "Open a model folder…" was clicked. */
    public void openModelFolder() {
        actions.openModelFolder();
    }
}
