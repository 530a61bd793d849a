package io.loopscope.app;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.stability.LocalStability;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.TokenLoopMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code analyze --stability}: every token's local stability at its last step, as text and JSON. */
final class StabilityColumn {
    /** One token's estimate and where it was taken: "last state", or "centre of its period-2 orbit". */
    record TokenStability(LocalStability stability, String at) {
    }

    /** Arnoldi steps: enough for the leading pair and a few more at any width. */
    static final int KRYLOV = 16;

    private StabilityColumn() {
    }

    /**
     * Per token, the spectrum of the loop's next step where it ended: at the last state (a generated
     * token: its exit step), or for a token the classifier calls a periodic orbit, the centre of its last period —
     * where a period-2 orbit shows its flip as an eigenvalue near −1.
     */
    static List<TokenStability> of(LoopedModel model, TraceData d, List<io.loopscope.analysis.motif.MotifResult> motifs) {
        if (!d.hasIds()) throw new IllegalArgumentException(d.source() + " has no ids: --stability needs the tokens to rebuild the loop map");
        if (model.hidden() != d.hidden()) {
            throw new IllegalArgumentException(d.source() + " has H = " + d.hidden() + " but the model's is " + model.hidden()
                    + ": --stability needs the model the trace was recorded with");
        }
        List<TokenStability> out = new ArrayList<>();
        double[][] starts = new double[d.tokens()][];
        for (int u = 0; u < d.tokens(); u++) starts[u] = d.state(0, u, StateSpace.RAW);   // where each token's loop started
        for (int t = 0; t < d.tokens(); t++) {
            double[][] held = new double[d.tokens()][];
            for (int u = 0; u < d.tokens(); u++) held[u] = d.state(d.ranSteps(u), u, StateSpace.RAW);
            String at = "last state";
            if (motifs.get(t).evidence() instanceof io.loopscope.analysis.motif.MotifEvidence.Orbit o && o.period() != null
                    && o.period() <= d.ranSteps(t)) {
                held[t] = centre(d, t, o.period());
                at = "centre of its period-" + o.period() + " orbit";
            }
            // the map of the step that would come next, so a step-dependent loop (SLR) is linearised where it is
            out.add(new TokenStability(LocalStability.of(new TokenLoopMap(model, d.ids(), held, starts, t, d.ranSteps(t) + 1), held[t],
                    Math.min(KRYLOV, d.hidden()), 1e-3, 1), at));
        }
        return out;
    }

    private static double[] centre(TraceData d, int t, int period) {
        double[] c = new double[d.hidden()];
        for (int i = 0; i < period; i++) {
            double[] s = d.state(d.ranSteps(t) - i, t, StateSpace.RAW);
            for (int j = 0; j < c.length; j++) c[j] += s[j] / period;
        }
        return c;
    }

    /** "ρ 0.29: contracting (leading λ real, +)"; a pair or a flip says so. */
    static String describe(TokenStability ts) {
        LocalStability s = ts.stability();
        String lead = s.rotates()
                ? String.format(Locale.ROOT, "a complex pair at ±%.2f rad", Math.abs(s.leadingAngle()))
                : Math.cos(s.leadingAngle()) < 0 ? "λ negative: it flips" : "λ positive";
        String verdict = s.spectralRadius() < 1 ? "contracting" : "not contracting";
        return String.format(Locale.ROOT, "stability at the %s: ρ %.3g, %s (%s)", ts.at(), s.spectralRadius(), verdict, lead);
    }

    static Map<String, Object> json(TokenStability ts) {
        LocalStability s = ts.stability();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", ts.at());
        m.put("spectral_radius", s.spectralRadius());
        m.put("leading_modulus", s.leadingModulus());
        m.put("leading_angle", s.leadingAngle());
        m.put("krylov", s.krylov());
        return m;
    }
}
