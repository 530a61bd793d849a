package io.loopscope.ui.chart;

import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunLens;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds {@link PlaneData} from a run's analysis (copying numbers, computing none). */
public final class Planes {
    private Planes() {
    }

    /** The PC pairs a run offers: the paper's 1–2, 3–4, 5–6 first, then 1–3, 2–3 and neighbours. */
    public static List<PcPair> pairsFor(int components) {
        List<PcPair> out = new ArrayList<>();
        for (int i = 0; i + 1 < components; i += 2) out.add(new PcPair(i, i + 1));
        for (int i = 0; i < components; i++) {
            for (int j = i + 1; j < components; j++) {
                PcPair p = new PcPair(i, j);
                if (!out.contains(p)) out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The paper figure's planes (PC1–2, 3–4, 5–6) that a run with this many components has. */
    public static List<PcPair> paperPairs(int components) {
        List<PcPair> out = new ArrayList<>();
        for (int i = 0; i + 1 < Math.min(components, 6); i += 2) out.add(new PcPair(i, i + 1));
        return List.copyOf(out);
    }

    public static String axisLabel(RunAnalysis a, int pc) {
        return String.format(Locale.ROOT, "PC%d (%.1f%% of variance)", pc + 1, 100 * a.explainedVariance(pc));
    }

    public static PlaneData plane(RunResult r, PcPair pair, List<Integer> tokens) {
        RunAnalysis a = r.analysis();
        int steps = a.steps();
        List<String> names = r.tokenStrings();
        RunLens lens = a.lens();
        List<TokenPath> paths = new ArrayList<>(tokens.size());
        for (int t : tokens) {
            if (t < 0 || t >= a.tokens()) continue; // a selection from the previous run, about to be reset
            double[] x = new double[steps], y = new double[steps], d = new double[steps];
            String[] top1 = new String[steps];
            for (int s = 0; s < steps; s++) {
                x[s] = a.projection(t, s, pair.x());
                y[s] = a.projection(t, s, pair.y());
                d[s] = a.distanceToFinal(t, s);
                // past a generated token's exit its state is held there, and so is its guess
                top1[s] = lens.topK() == 0 ? "?" : r.tokenString(lens.topId(Math.min(s, a.ranSteps(t)), t, 0));
            }
            String label = TokenLabels.label(t, names.get(t));
            paths.add(new TokenPath(t, label, x, y, a.centreOfMass(t, pair.x()), a.centreOfMass(t, pair.y()), d, top1));
        }
        return new PlaneData(pair, axisLabel(a, pair.x()), axisLabel(a, pair.y()), paths, steps - 1);
    }
}
