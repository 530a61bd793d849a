package io.loopscope.ui.vm;

import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.Planes;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.PairComparison;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec.InitMode;
import io.loopscope.ui.engine.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Two runs of the same prompt side by side: run A is the workbench's current run, run B the same
 * prompt with another seed, iteration count, init or model. Both panels show the same selected tokens
 * in the same PC pair; the analysis's path-independence verdict sits between them.
 */
public final class CompareViewModel {
    private final ObjectProperty<RunResult> left;
    private final Selection selection;
    private final ObjectProperty<RunResult> right = new SimpleObjectProperty<>();
    /** Run B with its states projected onto A's PCA (null: B is drawn in its own PCA). */
    private final ObjectProperty<RunResult> rightInFrameOfA = new SimpleObjectProperty<>();
    private final ObjectProperty<PairComparison> comparison = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelRef> modelB = new SimpleObjectProperty<>();
    private final IntegerProperty iterationsB = new SimpleIntegerProperty(32);
    private final ObjectProperty<InitMode> initB = new SimpleObjectProperty<>(InitMode.RANDOM);
    private final LongProperty seedB = new SimpleLongProperty(1);
    private final ObjectProperty<PcPair> pair = new SimpleObjectProperty<>(new PcPair(0, 1));
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<List<PlaneData>> planes = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("Run B to compare with the current run.");

    public CompareViewModel(ObjectProperty<RunResult> current, Selection selection) {
        this.left = current;
        this.selection = selection;
        current.addListener((o, a, r) -> {
            if (r == null) return;
            // B starts as "A with the next seed": the path-independence question is the common one
            modelB.set(r.spec().model());
            iterationsB.set(r.spec().iterations());
            initB.set(r.spec().init());
            seedB.set(r.spec().seed() + 1);
            right.set(null);
            rightInFrameOfA.set(null);
            comparison.set(null);
        });
        for (Observable o : new Observable[] {left, right, selection.tokensProperty(), selection.focusProperty(), pair, comparison}) {
            o.addListener(x -> rebuild());
        }
    }

    public ObjectProperty<RunResult> leftProperty() { return left; }
    public ObjectProperty<RunResult> rightProperty() { return right; }
    public ObjectProperty<RunResult> rightInFrameOfAProperty() { return rightInFrameOfA; }

    /** Whether B is drawn in A's PCA frame (one basis for both panels). */
    public boolean sharedFrame() {
        return rightInFrameOfA.get() != null;
    }
    public ObjectProperty<PairComparison> comparisonProperty() { return comparison; }
    public ObjectProperty<ModelRef> modelBProperty() { return modelB; }
    public IntegerProperty iterationsBProperty() { return iterationsB; }
    public ObjectProperty<InitMode> initBProperty() { return initB; }
    public LongProperty seedBProperty() { return seedB; }
    public ObjectProperty<PcPair> pairProperty() { return pair; }
    public BooleanProperty runningProperty() { return running; }
    public ReadOnlyObjectProperty<List<PlaneData>> planesProperty() { return planes.getReadOnlyProperty(); }
    public ReadOnlyStringProperty verdictProperty() { return verdict.getReadOnlyProperty(); }

    public List<PlaneData> planes() {
        return planes.get();
    }

    /**
     * Run B's spec: A's prompt with B's settings, always one pass. When A generated, B's prompt is
     * A's whole text (the prompt and the tokens it fed back), so every position of A has its
     * counterpart at B's fixed R: adaptive exit against thinking the full R.
     */
    public RunSpec specB() {
        RunResult a = left.get();
        if (a == null) throw new IllegalArgumentException("run a prompt first; Compare runs the same prompt a second way");
        ModelRef m = modelB.get() == null ? a.spec().model() : modelB.get();
        return new RunSpec(m, textOf(a), iterationsB.get(), initB.get(), seedB.get(), a.spec().topK());
    }

    /** A's prompt, and for a generation the fed-back tokens after it (as ids when the prompt was ids). */
    static String textOf(RunResult a) {
        var g = a.trace().generation();
        if (g == null) return a.spec().prompt();
        StringBuilder text = new StringBuilder(a.spec().prompt());
        List<String> tokens = a.tokenStrings();
        long[] ids = a.trace().ids();
        boolean idPrompt = a.spec().prompt().strip().matches("\\d+([\\s,]+\\d+)*") && tokens.stream().allMatch(t -> t.matches("#\\d+"));
        for (int t = g.settings().promptLength(); t < a.tokens(); t++) text.append(idPrompt ? " " + ids[t] : tokens.get(t));
        return text.toString();
    }

    public void finished(RunResult b, PairComparison c) {
        finished(b, c, null);
    }

    /** Run B is done; bInFrameOfA is B's analysis in A's PCA frame, or null to draw B in its own. */
    public void finished(RunResult b, PairComparison c, RunAnalysis bInFrameOfA) {
        running.set(false);
        comparison.set(c);
        rightInFrameOfA.set(bInFrameOfA == null ? null
                : b.withAnalysis(bInFrameOfA));
        right.set(b);
    }

    private void rebuild() {
        RunResult a = left.get(), b = rightInFrameOfA.get() != null ? rightInFrameOfA.get() : right.get();
        PcPair p = pair.get() == null ? new PcPair(0, 1) : pair.get(); // a choice box clears its value while refilling
        List<PlaneData> out = new ArrayList<>();
        if (a != null && a.analysis().components() > Math.max(p.x(), p.y())) {
            out.add(Planes.plane(a, p, clip(selection.tokens(), a.tokens())));
        }
        if (b != null && b.analysis().components() > Math.max(p.x(), p.y())) {
            out.add(Planes.plane(b, p, clip(selection.tokens(), b.tokens())));
        }
        planes.set(List.copyOf(out));
        verdict.set(verdictText(a, b, comparison.get(), selection.focus()));
    }

    private static List<Integer> clip(List<Integer> tokens, int count) {
        return tokens.stream().filter(t -> t < count).toList();
    }

    static String verdictText(RunResult a, RunResult b, PairComparison c, int focus) {
        if (a == null) return "Run a prompt first.";
        if (b == null) return "Run B to compare with the current run (A: " + a.spec().shortLabel() + ").";
        if (c == null) return "These two runs cannot be compared token by token (different prompts or tokenizers).";
        StringBuilder s = new StringBuilder(c.summary());
        if (a.trace().generation() != null && b.trace().generation() == null) {
            s.append(" (A generated with adaptive exit; B is its text in one pass at r ").append(b.iterations()).append(".)");
        }
        if (focus >= 0 && focus < c.tokens()) {
            s.append(String.format(Locale.ROOT, "%nToken %s: late states %.3g apart — %s.",
                    TokenStripViewModel.label(focus, a.tokenStrings().get(focus)), c.finalDistance(focus),
                    c.sameAttractor(focus) ? "same attractor" : "different attractors"));
        }
        return s.toString();
    }
}
