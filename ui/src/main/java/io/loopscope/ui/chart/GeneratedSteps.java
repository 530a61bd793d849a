package io.loopscope.ui.chart;

import io.loopscope.inference.trace.Generated;
import io.loopscope.ui.colour.Viridis;
import io.loopscope.ui.engine.GenerateSettings;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.StreamedToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.paint.Color;

/**
 * How many loop iterations each generated token ran — the colours of the answer's chips and their
 * legend, the summary line and the steps chart all read it from here, so they always agree. A token
 * "ran" the steps of its own position: the loop that read it and chose the next token. The last
 * generated token was never fed back, so it has no steps of its own.
 *
 * @param promptLength tokens of the prompt (positions before the first bar)
 * @param iterations   R, the most any token may run
 * @param bars         one per generated token that was fed back, in order
 * @param lastToken    the text of the last generated token (not fed back), or null when there is none yet
 * @param exit         how a generated token decided to stop, e.g. "kl < 0.0005"
 * @param summary      the summary line: tokens, why it stopped, iterations used against the fixed-R cost
 */
public record GeneratedSteps(int promptLength, int iterations, List<Bar> bars, String lastToken, String exit, String summary) {

    /** One generated token that was fed back: its position, "[7] 3", and the iterations it ran. */
    public record Bar(int position, String label, int steps) {
    }

    public GeneratedSteps {
        bars = List.copyOf(bars);
    }

    /** The steps of r's generation, or null when r is a Run. */
    public static GeneratedSteps of(RunResult r) {
        Generated g = r.trace().generation();
        if (g == null) return null;
        int p = g.settings().promptLength();
        List<String> texts = r.tokenStrings();
        List<Bar> bars = new ArrayList<>();
        for (int t = p; t < r.tokens(); t++) bars.add(new Bar(t, TokenLabels.label(t, texts.get(t)), r.analysis().ranSteps(t)));
        long[] ids = g.generatedIds();
        int count = ids.length;
        String summary = summary("generated " + tokens(count) + " (stopped: " + g.settings().stopReason() + ")", bars, r.iterations(), true);
        return new GeneratedSteps(p, r.iterations(), bars, r.tokenString(ids[count - 1]),
                GenerateSettings.exitLabel(g.settings().exitCriterion(), g.settings().exitThreshold()), summary);
    }

    /**
     * The steps known while generating: token i ≥ 1 arrives with the steps of token i − 1, so the
     * newest token is still thinking (it becomes lastToken).
     */
    public static GeneratedSteps live(List<String> prompt, List<StreamedToken> tokens, int iterations, String exit) {
        int p = prompt.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 1; i < tokens.size(); i++) {
            StreamedToken before = tokens.get(i - 1), now = tokens.get(i);
            bars.add(new Bar(now.position(), TokenLabels.label(p + before.index(), before.text()), now.steps()));
        }
        String summary = summary("generating… " + tokens(tokens.size()) + " so far", bars, iterations, false);
        return new GeneratedSteps(p, iterations, bars, tokens.isEmpty() ? null : tokens.getLast().text(), exit, summary);
    }

    private static String tokens(int n) {
        return n + (n == 1 ? " token" : " tokens");
    }

    /** "generated 12 tokens (stopped: end-token) · 57 iterations of 352 at fixed R = 32 (16 %)". */
    private static String summary(String head, List<Bar> bars, int r, boolean done) {
        if (bars.isEmpty()) return head + (done ? " · none was fed back, so no iterations ran after the prompt" : "");
        return head + " · " + cost(bars, r);
    }

    /** "57 iterations of 352 at fixed R = 32 (16 %)": what the bars used against R for each. */
    private static String cost(List<Bar> bars, int r) {
        long used = 0;
        for (Bar b : bars) used += b.steps();
        long fixed = (long) bars.size() * r;
        return String.format(Locale.ROOT, "%d iterations of %d at fixed R = %d (%.0f %%)", used, fixed, r, 100.0 * used / fixed);
    }

    /** The summary's cost part alone (the chart's subtitle: its bars already show the tokens); "" without bars. */
    public String cost() {
        return bars.isEmpty() ? "" : cost(bars, iterations);
    }

    public int min() {
        return bars.stream().mapToInt(Bar::steps).min().orElse(0);
    }

    public int max() {
        return bars.stream().mapToInt(Bar::steps).max().orElse(0);
    }

    /** The bar of position, or null for a prompt position or the last token. */
    public Bar bar(int position) {
        int i = position - promptLength;
        return i >= 0 && i < bars.size() ? bars.get(i) : null;
    }

    /** Where steps sit on the colour map: min → 0, max → 1 (all the same: the top). */
    public double scale(int steps) {
        int lo = min(), hi = max();
        return hi > lo ? (steps - lo) / (double) (hi - lo) : 1;
    }

    public Color colour(int steps) {
        return Viridis.fx(scale(steps));
    }
}
