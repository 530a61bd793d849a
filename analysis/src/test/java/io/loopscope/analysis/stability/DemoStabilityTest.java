package io.loopscope.analysis.stability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.motif.Motif;
import io.loopscope.analysis.motif.MotifClassifier;
import io.loopscope.analysis.motif.MotifResult;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.model.TokenLoopMap;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jacobian's spectrum agrees with the motif classifier on the shipped model's demo prompts: a
 * fixed point contracts (ρ &lt; 1); a period-2 orbit that sustains itself has, at its centre, an
 * eigenvalue of the one-step map near −1, while an orbit driven by it (a later token that flips only
 * because the first one does) contracts once the first one is held still.
 */
class DemoStabilityTest {
    static ModelHandle model;

    @BeforeAll
    static void open() throws Exception {
        model = ModelHandle.open(EmbeddedModel.directory());
    }

    private static TraceData run(String prompt, int r) {
        Trace t = Tracer.run(model.subject(), new TraceRequest(model.encode(prompt), r, new StateInit.Random(0)), List.of(), "test",
                s -> { }, () -> false);
        return TraceLoader.fromTrace(t, prompt);
    }

    private static double[][] statesAt(TraceData d, int step) {
        double[][] out = new double[d.tokens()][];
        for (int t = 0; t < d.tokens(); t++) out[t] = d.state(step, t, StateSpace.RAW);
        return out;
    }

    @Test
    void fixedPointsContract() {
        TraceData d = run("copy qwer=", 32);
        List<MotifResult> motifs = new MotifClassifier().classify(d, StateSpace.RAW);
        double[][] last = statesAt(d, 32);
        int checked = 0;
        for (int t = 0; t < d.tokens(); t++) {
            if (motifs.get(t).motif() != Motif.FIXED_POINT) continue;
            LocalStability s = LocalStability.of(new TokenLoopMap(model.model(), d.ids(), last, statesAt(d, 0), t, 33), last[t], 16, 1e-3, 1);
            System.out.printf("fixed point token %d: rho %.3f angle %.3f%n", t, s.spectralRadius(), s.leadingAngle());
            assertTrue(s.spectralRadius() < 1, "token " + t + " is a fixed point, yet rho = " + s.spectralRadius());
            checked++;
        }
        assertTrue(checked >= 5, "the demo has fixed points to check: " + checked);
    }

    @Test
    void aPeriodTwoOrbitFlipsAroundItsCentre() {
        TraceData d = run("k>t t>k k>>>>>", 64); // the orbit demo's prompt: tokens 12 and 13 orbit
        List<MotifResult> motifs = new MotifClassifier().classify(d, StateSpace.RAW);
        int orbits = 0;
        for (int t = 0; t < d.tokens(); t++) {
            if (motifs.get(t).motif() != Motif.ORBIT) continue;
            double[] a = d.state(64, t, StateSpace.RAW), b = d.state(63, t, StateSpace.RAW);
            double[] centre = new double[a.length];
            for (int j = 0; j < a.length; j++) centre[j] = (a[j] + b[j]) / 2;
            double[][] held = statesAt(d, 64);
            held[t] = centre;
            LocalStability s = LocalStability.of(new TokenLoopMap(model.model(), d.ids(), held, statesAt(d, 0), t, 65), centre, 16, 1e-3, 1);
            double mostNegative = s.eigenvalues().stream().filter(z -> Math.abs(z[1]) < 1e-6).mapToDouble(z -> z[0]).min().orElse(0);
            System.out.printf("orbit token %d: rho %.3f angle %.3f, most negative real eigenvalue %.3f%n", t, s.spectralRadius(),
                    s.leadingAngle(), mostNegative);
            if (orbits == 0) {
                // the first orbiting token attends to no orbiting token (the model is causal): its flip is its own
                assertTrue(mostNegative < -0.8, "token " + t + " orbits with period 2, yet its most negative real eigenvalue is " + mostNegative);
            } else {
                // a later orbit is driven: with the first orbit held at one of its points it stops flipping
                assertTrue(s.spectralRadius() < 1, "token " + t + " is driven by an earlier orbit, yet alone it has rho = " + s.spectralRadius());
            }
            orbits++;
        }
        assertTrue(orbits >= 2, "the orbit demo still shows its two orbits: " + orbits);
    }
}
