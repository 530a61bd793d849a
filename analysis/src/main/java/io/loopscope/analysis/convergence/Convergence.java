package io.loopscope.analysis.convergence;

import io.loopscope.inference.math.Vectors;
import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import java.util.ArrayList;
import java.util.List;

/** Per token and step: distance to the end state, relative step, 1 − cos, and the lens curves when recorded. */
public final class Convergence {
    private Convergence() {
    }

    /**
     * @param reference a longer run of the same prompt whose final states serve as s*, or null to use
     *                  this trace's own final states
     */
    public static List<TokenConvergence> compute(TraceData data, StateSpace space, TraceData reference) {
        if (reference != null) ReferenceRun.check(data, reference, space);
        int steps = data.steps();
        List<TokenConvergence> out = new ArrayList<>();
        for (int t = 0; t < data.tokens(); t++) {
            double[] target = reference != null ? reference.state(reference.iterations(), t, space) : lastFinite(data, t, space);
            double[] distance = new double[steps], relative = new double[steps], cos = new double[steps];
            double[] previous = null;
            for (int s = 0; s < steps; s++) {
                double[] x = data.state(s, t, space);
                distance[s] = Vectors.distance(x, target);
                if (previous == null) {
                    relative[s] = Double.NaN;
                    cos[s] = Double.NaN;
                } else {
                    relative[s] = Vectors.relativeStep(previous, x);
                    cos[s] = Vectors.oneMinusCos(previous, x);
                }
                previous = x;
            }
            out.add(new TokenConvergence(t, distance, relative, cos, lens(data, t, true), lens(data, t, false), Vectors.norm(target)));
        }
        return out;
    }

    /** Without a reference, s* is the token's last finite state: a run that blew up at step 20 still has distances up to 19. */
    private static double[] lastFinite(TraceData data, int token, StateSpace space) {
        int s = data.iterations();
        while (s > 0 && !data.isFinite(s, token)) s--;
        return data.state(s, token, space);
    }

    private static double[] lens(TraceData data, int token, boolean kl) {
        if (kl ? !data.hasLensKl() : !data.hasLensEntropy()) return null;
        double[] out = new double[data.steps()];
        for (int s = 0; s < out.length; s++) out[s] = kl ? data.lensKl(s, token) : data.lensEntropy(s, token);
        return out;
    }
}
