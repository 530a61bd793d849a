package io.loopscope.ui.vm;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.colour.MotifColours;
import io.loopscope.ui.colour.Viridis;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.paint.Color;

/**
 * The prompt's tokens as chips: text, colour (by motif, exit step or final movement), tooltip and
 * whether selected; plus the legend for the current colouring.
 */
public final class TokenStripViewModel {

    /** What a chip's colour says. */
    public enum Colouring {
        MOTIF("motif"), EXIT_STEP("exit step"), FINAL_MOVEMENT("final movement");

        private final String label;

        Colouring(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One chip. */
    public record Chip(int index, String text, Color colour, String tooltip, boolean selected, boolean focused) {
    }

    /** One legend swatch. */
    public record LegendEntry(Color colour, String label) {
    }

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ObjectProperty<ExitCriterion> criterion;
    private final DoubleProperty threshold;
    private final ObjectProperty<Colouring> colouring = new SimpleObjectProperty<>(Colouring.MOTIF);
    private final ReadOnlyObjectWrapper<List<Chip>> chips = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<LegendEntry>> legend = new ReadOnlyObjectWrapper<>(List.of());

    TokenStripViewModel(ObjectProperty<RunResult> result, Selection selection, ObjectProperty<ExitCriterion> criterion,
                        DoubleProperty threshold) {
        this.result = result;
        this.selection = selection;
        this.criterion = criterion;
        this.threshold = threshold;
        for (Observable o : new Observable[] {result, selection.tokensProperty(), selection.focusProperty(), colouring, criterion, threshold}) {
            o.addListener(x -> rebuild());
        }
    }

    public ObjectProperty<Colouring> colouringProperty() { return colouring; }
    public ReadOnlyObjectProperty<List<Chip>> chipsProperty() { return chips.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<LegendEntry>> legendProperty() { return legend.getReadOnlyProperty(); }

    public List<Chip> chips() {
        return chips.get();
    }

    /** A chip was clicked (with modifier keys). */
    public void click(int index, boolean ctrl, boolean shift) {
        selection.click(index, ctrl, shift);
    }

    private void rebuild() {
        RunResult r = result.get();
        if (r == null) {
            chips.set(List.of());
            legend.set(List.of());
            return;
        }
        RunAnalysis a = r.analysis();
        List<String> texts = r.tokenStrings();
        List<Integer> sel = selection.tokens();
        int last = r.iterations();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        if (colouring.get() == Colouring.FINAL_MOVEMENT) {
            for (int t = 0; t < r.tokens(); t++) {
                double m = finalMovement(a, t, last);
                if (m > 0 && Double.isFinite(m)) {
                    lo = Math.min(lo, Math.log10(m));
                    hi = Math.max(hi, Math.log10(m));
                }
            }
        }
        List<Chip> out = new ArrayList<>(r.tokens());
        for (int t = 0; t < r.tokens(); t++) {
            String motif = a.motif(t).label();
            OptionalInt exit = a.exitStep(criterion.get(), threshold.get(), t);
            double move = finalMovement(a, t, last);
            Color c = switch (colouring.get()) {
                case MOTIF -> MotifColours.of(motif);
                case EXIT_STEP -> exit.isPresent() ? Viridis.fx(Viridis.ofStep(exit.getAsInt(), last)) : Color.web("#bbbbbb");
                case FINAL_MOVEMENT -> move > 0 && hi > lo ? Viridis.fx((Math.log10(move) - lo) / (hi - lo)) : Viridis.fx(0);
            };
            String tip = String.format(Locale.ROOT, "position %d: %s%nmotif: %s%n%s exit: %s%nfinal movement ‖s_R − s_R−1‖/‖s_R‖: %.3g",
                    t, quote(texts.get(t)), motif.replace('-', ' '), criterion.get().id(),
                    exit.isPresent() ? "step " + exit.getAsInt() : "never (within " + last + ")", move);
            out.add(new Chip(t, display(texts.get(t)), c, tip, sel.contains(t), t == selection.focus()));
        }
        chips.set(List.copyOf(out));
        legend.set(legendFor(colouring.get(), last, lo, hi));
    }

    private static double finalMovement(RunAnalysis a, int token, int last) {
        return last < 1 ? Double.NaN : a.relativeStep(token, last);
    }

    private List<LegendEntry> legendFor(Colouring c, int last, double lo, double hi) {
        List<LegendEntry> out = new ArrayList<>();
        switch (c) {
            case MOTIF -> {
                for (String m : MotifColours.LABELS) out.add(new LegendEntry(MotifColours.of(m), m.replace('-', ' ')));
            }
            case EXIT_STEP -> {
                for (int i = 0; i <= 4; i++) {
                    int step = Math.max(1, (int) Math.round(i * last / 4.0));
                    out.add(new LegendEntry(Viridis.fx(Viridis.ofStep(step, last)), "step " + step));
                }
                out.add(new LegendEntry(Color.web("#bbbbbb"), "never"));
            }
            case FINAL_MOVEMENT -> {
                if (hi > lo) {
                    for (int i = 0; i <= 4; i++) {
                        double v = lo + i * (hi - lo) / 4;
                        out.add(new LegendEntry(Viridis.fx(i / 4.0), String.format(Locale.ROOT, "%.1e", Math.pow(10, v))));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * A token with its position, "[12] cat": the position in brackets so it never reads as a token id
     * (models without a tokenizer show tokens as "#id").
     */
    public static String label(int position, String token) {
        return "[" + position + "] " + display(token);
    }

    /** Whitespace made visible, so a space token is not an empty chip. */
    public static String display(String token) {
        if (token == null || token.isEmpty()) return "∅";
        return token.replace(' ', '␣').replace("\n", "↵").replace("\t", "⇥");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
