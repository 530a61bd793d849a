package io.loopscope.ui.chart;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunLens;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the metrics chart draws: per selected token its relative step size, lens KL and lens entropy
 * over the steps, with the step the exit criterion fires at its threshold.
 */
public record MetricsData(List<Series> series, ExitCriterion criterion, double threshold, int lastStep) {

    /** One token's curves. exitStep is -1 when the criterion never fires. */
    public record Series(int token, String label, double[] stepSize, double[] kl, double[] entropy, int exitStep) {
    }

    public MetricsData {
        series = List.copyOf(series);
    }

    /** Which of the three curves the criterion's threshold applies to (for the threshold line), or -1. */
    public static int thresholdPanel(ExitCriterion c) {
        return switch (c) {
            case LATENT_DIFF -> 0;
            case KL, MINP_KL -> 1;
            default -> -1;
        };
    }

    /** The curves of tokens in run r, from its analysis — what the chart draws on screen, in exported figures and headless. */
    public static MetricsData of(RunResult r, List<Integer> tokens, ExitCriterion criterion, double threshold) {
        RunAnalysis a = r.analysis();
        RunLens lens = a.lens();
        int steps = a.steps();
        List<String> names = r.tokenStrings();
        List<Series> out = new ArrayList<>();
        for (int t : tokens) {
            if (t < 0 || t >= a.tokens()) continue; // a selection from the previous run, about to be reset
            double[] size = new double[steps], k = new double[steps], e = new double[steps];
            for (int s = 0; s < steps; s++) {
                size[s] = a.relativeStep(t, s);
                k[s] = lens.kl(s, t);
                e[s] = lens.entropy(s, t);
            }
            OptionalInt exit = a.exitStep(criterion, threshold, t);
            out.add(new Series(t, TokenLabels.label(t, names.get(t)), size, k, e, exit.orElse(-1)));
        }
        return new MetricsData(out, criterion, threshold, steps - 1);
    }
}
