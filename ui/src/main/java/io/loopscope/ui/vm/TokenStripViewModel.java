package io.loopscope.ui.vm;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.chart.GeneratedSteps;
import io.loopscope.ui.chart.TokenLabels;
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
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.paint.Color;

/**
 * The prompt's tokens as chips: text, colour (by motif, exit step or final movement), tooltip and
 * whether selected; plus the legend for the current colouring. After a generation the answer's
 * chips follow the prompt's, coloured by the iterations each ran (their own legend, min to max),
 * with the summary line; while generating, the chips stream in as the tokens are chosen.
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

    /** Which part of the text a chip is. */
    public enum Kind {
        /** A prompt token. */
        PROMPT,
        /** A generated token that was fed back: it has a trajectory like a prompt token. */
        GENERATED,
        /** The last generated token: chosen, never fed back, so nothing of its own to show. */
        LAST
    }

    /**
     * One chip. live: shown while generating (nothing to select yet); index is the position, and for
     * the last generated token the position it would have had.
     */
    public record Chip(int index, String text, Color colour, String tooltip, boolean selected, boolean focused, Kind kind, boolean live) {
        public Chip(int index, String text, Color colour, String tooltip, boolean selected, boolean focused) {
            this(index, text, colour, tooltip, selected, focused, Kind.PROMPT, false);
        }

        /** Whether a click selects it: a token of a finished run with a trajectory. */
        public boolean selectable() {
            return !live && kind != Kind.LAST;
        }
    }

    /** One legend swatch; a null colour makes it a heading for the swatches after it. */
    public record LegendEntry(Color colour, String label) {
    }

    /** Chips with nothing to say yet (a prompt being read, a token still thinking, the unfed last token). */
    static final Color NEUTRAL = Color.web("#d4d4d4");

    private final ObjectProperty<RunResult> result;
    private final Selection selection;
    private final ObjectProperty<ExitCriterion> criterion;
    private final DoubleProperty threshold;
    private final ObjectProperty<Colouring> colouring = new SimpleObjectProperty<>(Colouring.MOTIF);
    private final ReadOnlyObjectWrapper<List<Chip>> chips = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<LegendEntry>> legend = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final LiveGeneration live;

    TokenStripViewModel(ObjectProperty<RunResult> result, Selection selection, ObjectProperty<ExitCriterion> criterion,
                        DoubleProperty threshold, LiveGeneration live) {
        this.result = result;
        this.selection = selection;
        this.criterion = criterion;
        this.threshold = threshold;
        this.live = live;
        for (Observable o : new Observable[] {result, selection.tokensProperty(), selection.focusProperty(), colouring, criterion, threshold,
                live.activeProperty(), live.promptProperty(), live.tokensProperty()}) {
            o.addListener(x -> rebuild());
        }
    }

    public ObjectProperty<Colouring> colouringProperty() { return colouring; }
    public ReadOnlyObjectProperty<List<Chip>> chipsProperty() { return chips.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<LegendEntry>> legendProperty() { return legend.getReadOnlyProperty(); }
    /** A generation's summary line (tokens, why it stopped, iterations against fixed R); "" for a Run. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    public List<LegendEntry> legend() {
        return legend.get();
    }

    public String summary() {
        return summary.get();
    }

    public List<Chip> chips() {
        return chips.get();
    }

    /** A chip was clicked (with modifier keys); chips without a trajectory of their own ignore it. */
    public void click(int index, boolean ctrl, boolean shift) {
        if (live.active()) return;
        selection.click(index, ctrl, shift);
    }

    private void rebuild() {
        if (live.active()) {
            showLive(live.steps());
            return;
        }
        RunResult r = result.get();
        if (r == null) {
            chips.set(List.of());
            legend.set(List.of());
            summary.set("");
            return;
        }
        GeneratedSteps gen = GeneratedSteps.of(r);
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
            GeneratedSteps.Bar bar = gen == null ? null : gen.bar(t);
            if (bar != null) {
                c = gen.colour(bar.steps());
                tip = String.format(Locale.ROOT, "position %d: %s (generated token %d)%nran %d of %d iterations (exit %s)%n%s", t, quote(texts.get(t)),
                        t - gen.promptLength() + 1, bar.steps(), last, gen.exit(), tip.substring(tip.indexOf('\n') + 1));
            }
            out.add(new Chip(t, display(texts.get(t)), c, tip, sel.contains(t), t == selection.focus(), bar == null ? Kind.PROMPT : Kind.GENERATED, false));
        }
        if (gen != null) out.add(lastChip(gen, r.tokens(), false));
        chips.set(List.copyOf(out));
        List<LegendEntry> entries = new ArrayList<>(legendFor(colouring.get(), last, lo, hi));
        if (gen != null) entries.addAll(legend(gen));
        legend.set(List.copyOf(entries));
        summary.set(gen == null ? "" : gen.summary());
    }

    /** The chips while generating: the prompt as read, then each token as chosen, coloured once its own loop is done. */
    private void showLive(GeneratedSteps gen) {
        List<String> prompt = live.promptProperty().get();
        List<Chip> out = new ArrayList<>();
        for (int t = 0; t < prompt.size(); t++) {
            out.add(new Chip(t, display(prompt.get(t)), NEUTRAL, "position " + t + ": " + quote(prompt.get(t)) + " (prompt)", false, false,
                    Kind.PROMPT, true));
        }
        for (GeneratedSteps.Bar b : gen.bars()) {
            String text = b.label().substring(b.label().indexOf(' ') + 1);
            out.add(new Chip(b.position(), text, gen.colour(b.steps()), "position " + b.position() + ": generated, ran " + b.steps() + " of "
                    + gen.iterations() + " iterations (exit " + gen.exit() + ")", false, false, Kind.GENERATED, true));
        }
        if (gen.lastToken() != null) out.add(lastChip(gen, prompt.size() + gen.bars().size(), true));
        chips.set(List.copyOf(out));
        legend.set(legend(gen));
        summary.set(gen.summary());
    }

    /** The newest generated token: still thinking while live; when done, the one never fed back. */
    private static Chip lastChip(GeneratedSteps gen, int position, boolean live) {
        String tip = live ? "the newest token: its own loop is running (it reads this token to choose the next)"
                : "the last generated token: generation ended here, so it was never fed back and has no trajectory of its own";
        return new Chip(position, display(gen.lastToken()), NEUTRAL, tip, false, false, Kind.LAST, live);
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

    /** "[12] cat": see {@link TokenLabels#label}. */
    public static String label(int position, String token) {
        return TokenLabels.label(position, token);
    }

    /** Whitespace made visible: see {@link TokenLabels#display}. */
    public static String display(String token) {
        return TokenLabels.display(token);
    }

    /** "answer, iterations run:" then up to five swatches from the fewest to the most (each value when there are few). */
    static List<LegendEntry> legend(GeneratedSteps gen) {
        if (gen.bars().isEmpty()) return List.of();
        int lo = gen.min(), hi = gen.max();
        java.util.TreeSet<Integer> values = new java.util.TreeSet<>();
        for (int i = 0; i <= 4; i++) values.add((int) Math.round(lo + i * (hi - lo) / 4.0));
        List<LegendEntry> out = new ArrayList<>();
        out.add(new LegendEntry(null, "answer, iterations run:"));
        for (int v : values) out.add(new LegendEntry(gen.colour(v), v == lo && v == hi ? "all " + v : String.valueOf(v)));
        return List.copyOf(out);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
