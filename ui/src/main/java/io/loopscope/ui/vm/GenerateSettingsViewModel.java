package io.loopscope.ui.vm;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.ui.engine.GenerateSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Generate mode's part of the run bar. Numbers that users type freely (threshold, temperature,
 * top-p, min-p) are kept as text, so that a typo becomes a message naming the field rather than a
 * silently kept old value; {@link #toSettings()} turns them into {@link GenerateSettings}, whose
 * engine records apply the same rules as {@code loopscope generate}.
 */
public final class GenerateSettingsViewModel {
    private final IntegerProperty maxNewTokens = new SimpleIntegerProperty();
    private final ObjectProperty<ExitCriterion> criterion = new SimpleObjectProperty<>();
    private final StringProperty threshold = new SimpleStringProperty("");
    private final ObjectProperty<KvSharing> sharing = new SimpleObjectProperty<>();
    private final BooleanProperty warmStart = new SimpleBooleanProperty();
    private final BooleanProperty sample = new SimpleBooleanProperty();
    private final StringProperty temperature = new SimpleStringProperty("0.8");
    private final IntegerProperty topK = new SimpleIntegerProperty();
    private final StringProperty topP = new SimpleStringProperty("1");
    private final StringProperty minP = new SimpleStringProperty("0");
    private final LongProperty sampleSeed = new SimpleLongProperty();
    private final StringProperty stops = new SimpleStringProperty("");

    public GenerateSettingsViewModel() {
        apply(GenerateSettings.DEFAULTS);
        // a new criterion brings its own default threshold, as in the metrics view
        criterion.addListener((o, a, c) -> { if (c != null && a != null) threshold.set(format(c.defaultThreshold())); });
    }

    public IntegerProperty maxNewTokensProperty() { return maxNewTokens; }
    public ObjectProperty<ExitCriterion> criterionProperty() { return criterion; }
    public StringProperty thresholdProperty() { return threshold; }
    public ObjectProperty<KvSharing> sharingProperty() { return sharing; }
    public BooleanProperty warmStartProperty() { return warmStart; }
    /** Off: greedy; on: a seeded draw with the options below. */
    public BooleanProperty sampleProperty() { return sample; }
    public StringProperty temperatureProperty() { return temperature; }
    public IntegerProperty topKProperty() { return topK; }
    public StringProperty topPProperty() { return topP; }
    public StringProperty minPProperty() { return minP; }
    public LongProperty sampleSeedProperty() { return sampleSeed; }
    /** Stop strings separated by |, a literal | written \|. */
    public StringProperty stopsProperty() { return stops; }

    /** Every property, for listeners that re-check the settings on any change. */
    public Observable[] observables() {
        return new Observable[] {maxNewTokens, criterion, threshold, sharing, warmStart, sample, temperature, topK, topP, minP, sampleSeed, stops};
    }

    public BooleanBinding thresholdEnabled() {
        return criterion.isNotEqualTo(ExitCriterion.NONE);
    }

    /** The settings as typed; IllegalArgumentException with a message for the user when a value is not acceptable. */
    public GenerateSettings toSettings() {
        ExitCriterion c = criterion.get();
        double t = c == ExitCriterion.NONE ? 0 : number("the exit threshold", threshold.get());
        Sampling sampling = Sampling.GREEDY;
        if (sample.get()) {
            double temp = number("the temperature", temperature.get());
            if (temp == 0) throw new IllegalArgumentException("sampling needs a temperature above 0 (temperature 0 is greedy: untick sample)");
            sampling = new Sampling(temp, topK.get(), number("top-p", topP.get()), number("min-p", minP.get()), sampleSeed.get());
        }
        return new GenerateSettings(maxNewTokens.get(), c, t, sharing.get(), warmStart.get(), sampling, parseStops(stops.get()));
    }

    /** Puts settings into the fields (a recalled prompt, a reopened session). */
    public void apply(GenerateSettings s) {
        maxNewTokens.set(s.maxNewTokens());
        criterion.set(s.criterion());
        threshold.set(s.criterion() == ExitCriterion.NONE ? format(0) : format(s.threshold())); // after the criterion, which resets it
        sharing.set(s.sharing());
        warmStart.set(s.warmStart());
        Sampling p = s.sampling();
        sample.set(!p.greedy());
        if (!p.greedy()) {
            temperature.set(format(p.temperature()));
            topK.set(p.topK());
            topP.set(format(p.topP()));
            minP.set(format(p.minP()));
            sampleSeed.set(p.seed());
        }
        stops.set(formatStops(s.stops()));
    }

    private static double number(String what, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) throw new IllegalArgumentException(what + " is empty; type a number");
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + t + "'");
        }
    }

    /** "5e-04" stays short: the shortest form that reads back as the same double. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return String.valueOf((long) v);
        String plain = String.valueOf(v);
        String g = String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
        return Double.parseDouble(g) == v && g.length() <= plain.length() ? g : plain;
    }

    /** "==|a\|b" → ["==", "a|b"]; blanks between bars are dropped. */
    public static List<String> parseStops(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '|') {
                cur.append('|');
                i++;
            } else if (ch == '|') {
                add(out, cur);
            } else {
                cur.append(ch);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        if (!cur.isEmpty()) out.add(cur.toString());
        cur.setLength(0);
    }

    public static String formatStops(List<String> stops) {
        List<String> escaped = new ArrayList<>();
        for (String s : stops) escaped.add(s.replace("|", "\\|"));
        return String.join("|", escaped);
    }
}
