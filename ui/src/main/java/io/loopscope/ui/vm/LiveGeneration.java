package io.loopscope.ui.vm;

import io.loopscope.ui.chart.GeneratedSteps;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.engine.StreamedToken;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A generation while it runs: the prompt's tokens and every generated token so far, as the worker
 * reports them (the coordinator hands them over on the FX thread). The token strip shows these
 * instead of the last result until the run ends; then the finished, analysed run takes over.
 */
public final class LiveGeneration {
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<List<String>> prompt = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<StreamedToken>> tokens = new ReadOnlyObjectWrapper<>(List.of());
    private int iterations;
    private String exit = "";

    public ReadOnlyBooleanProperty activeProperty() { return active.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<String>> promptProperty() { return prompt.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<StreamedToken>> tokensProperty() { return tokens.getReadOnlyProperty(); }

    public boolean active() {
        return active.get();
    }

    /** A generation of spec starts: nothing to show until its prompt is encoded. */
    public void start(RunSpec spec) {
        iterations = spec.iterations();
        exit = spec.generates() ? spec.generate().exitLabel() : "";
        prompt.set(List.of());
        tokens.set(List.of());
        active.set(true);
    }

    public void prompt(List<String> promptTokens) {
        if (active.get()) prompt.set(List.copyOf(promptTokens));
    }

    public void token(StreamedToken t) {
        if (!active.get()) return;
        List<StreamedToken> next = new ArrayList<>(tokens.get());
        next.add(t);
        tokens.set(List.copyOf(next));
    }

    /** The run ended (done, cancelled or failed): the strip goes back to the result. */
    public void stop() {
        active.set(false);
        prompt.set(List.of());
        tokens.set(List.of());
    }

    /** The steps known so far, or null when nothing is generating. */
    public GeneratedSteps steps() {
        return active.get() ? GeneratedSteps.live(prompt.get(), tokens.get(), iterations, exit) : null;
    }
}
