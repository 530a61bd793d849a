package io.loopscope.ui.engine;

import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeSettings;
import java.util.Locale;
import java.util.Objects;

/**
 * A finished probe as the Probes view, its figure and sessions show it: the curve the analysis fitted
 * and what it was fitted on.
 *
 * @param settings what the curve is a function of
 * @param prompts  how many questions it read
 * @param model    the model's name, as runs record it
 * @param curve    probe, control and lens accuracy per iteration
 */
public record ProbeResult(ProbeSettings settings, int prompts, String model, ProbeCurve curve) {
    /** What "decodable" and "gets it right" mean in the summary: a majority of the held-out prompts. */
    public static final double LEVEL = 0.5;

    public ProbeResult {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(curve, "curve");
    }

    /** "answer probe · sum 2..6, 200 prompts · R = 16 · 5 folds · embedded". */
    public String title() {
        return String.format(Locale.ROOT, "%s probe · %s · R = %d · %d folds · %s", settings.label().id(), source(), settings.iterations(),
                settings.folds(), model);
    }

    private String source() {
        return switch (settings.source()) {
            case io.loopscope.analysis.probe.ProbeSource.TaskPrompts t -> t.task() + " " + t.range() + ", " + prompts + " prompts";
            case io.loopscope.analysis.probe.ProbeSource.FilePrompts f -> f.describe() + ", " + prompts + " prompts";
        };
    }

    /**
     * One line: where the label becomes linearly decodable and where the lens gets it right, and how
     * high the control got — e.g. "the answer becomes linearly decodable (≥ 0.5) at iteration 4; the
     * lens gets it right (≥ 0.5) at iteration 2 · control at most 0.14 (chance 0.10)".
     */
    public String summary() {
        String control = String.format(Locale.ROOT, " · control at most %.2f (chance %.2f)", curve.maxControl(), curve.chance());
        int last = curve.points().getLast().iteration();
        if (settings.label() == ProbeLabel.ITERATION) return iterationSummary(last) + control;
        int k = curve.firstReaching(LEVEL);
        String probe = k >= 0 ? String.format(Locale.ROOT, "%s becomes linearly decodable (≥ %.1f) at iteration %d", subject(), LEVEL, k)
                : String.format(Locale.ROOT, "%s never becomes linearly decodable (≥ %.1f) by iteration %d (best %.2f at iteration %d)",
                        subject(), LEVEL, last, curve.best().accuracy(), curve.best().iteration());
        String lens = "";
        if (curve.hasLens()) {
            int m = curve.firstLensReaching(LEVEL);
            lens = m >= 0 ? String.format(Locale.ROOT, "; the lens gets it right (≥ %.1f) at iteration %d", LEVEL, m)
                    : String.format(Locale.ROOT, "; the lens never gets it right (≥ %.1f)", LEVEL);
        }
        return probe + lens + control + layerSummary();
    }

    /**
     * Where each probed loop layer first reaches the level — " · by layer (≥ 0.5): core layer 1 at
     * iteration 4, core layer 2 at 3" ("never" for one that does not; counted from 1 as on screen) — or
     * "" without layer probes.
     */
    public String layerSummary() {
        if (!curve.hasLayers()) return "";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, " · by layer (≥ %.1f): ", LEVEL));
        boolean first = true;
        for (int j : curve.layers()) {
            int k = curve.firstReaching(j, LEVEL);
            out.append(first ? "" : ", ").append("core layer ").append(j + 1).append(k < 0 ? " never" : (first ? " at iteration " : " at ") + k);
            first = false;
        }
        return out.toString();
    }

    /** Which iterations the state tells apart: "the iteration is linearly decodable (recall ≥ 0.5) at iterations 0–3 of 0–16". */
    private String iterationSummary(int last) {
        StringBuilder runs = new StringBuilder();
        int start = -1, count = 0;
        for (ProbeCurve.Point p : curve.points()) {
            boolean read = p.accuracy() >= LEVEL;
            if (read && start < 0) start = p.iteration();
            boolean ends = start >= 0 && (!read || p.iteration() == last);
            if (ends) {
                int end = read ? p.iteration() : p.iteration() - 1;
                runs.append(runs.isEmpty() ? "" : ", ").append(start == end ? String.valueOf(start) : start + "–" + end);
                start = -1;
            }
            if (read) count++;
        }
        if (count == 0) return String.format(Locale.ROOT, "the iteration is linearly decodable (recall ≥ %.1f) at no iteration of 0–%d", LEVEL, last);
        return String.format(Locale.ROOT, "the iteration is linearly decodable (recall ≥ %.1f) at iteration%s %s of 0–%d", LEVEL,
                count == 1 ? "" : "s", runs, last);
    }

    private String subject() {
        Integer k = settings.position();
        return switch (settings.label()) {
            case ANSWER -> "the answer";
            case RUNNING -> k == null ? "the last running total" : "running total " + k;
            case HOP -> k == null ? "the last hop's letter" : "the letter of hop " + k;
            case ITERATION -> "the iteration";
        };
    }
}
