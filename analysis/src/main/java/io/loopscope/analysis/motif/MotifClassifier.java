package io.loopscope.analysis.motif;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Labels a trajectory fixed-point, orbit, slider, diverging or other. The rules are tried in that
 * order of "loudness" — diverging, contracting, orbit, slider, settled, other — each on scale-free
 * features measured in the full state space (never on a 2-D projection). The reasoning behind each
 * rule and threshold is in analysis/MOTIFS.md.
 */
public final class MotifClassifier {
    /** Late steps at or below this share of the state norm count as standing still (float32 noise). */
    static final double NUMERIC_FLOOR = 1e-5;

    private final MotifThresholds th;

    public MotifClassifier(MotifThresholds thresholds) {
        this.th = thresholds;
    }

    public MotifClassifier() {
        this(MotifThresholds.defaults());
    }

    /** Every token of a trace, in the given space; non-finite states cut the trajectory short. */
    public List<MotifResult> classify(TraceData data, StateSpace space) {
        List<MotifResult> out = new ArrayList<>();
        for (int t = 0; t < data.tokens(); t++) {
            int bad = data.firstNonFiniteStep(t);
            double[][] x = data.trajectory(t, space);
            int ran = data.ranSteps(t);                  // a generated token: only the steps before its exit are its motion
            if (bad < 0 && ran < data.iterations()) {
                out.add(ran < th.minIterations()
                        ? other("it ran " + ran + " iteration" + (ran == 1 ? "" : "s") + " before its exit: too few to tell motifs apart (fewer than "
                                + th.minIterations() + ")", null, null)
                        : classify(Arrays.copyOf(x, ran + 1)));
                continue;
            }
            out.add(bad < 0 ? classify(x) : classifyPrefix(Arrays.copyOf(x, bad), bad));
        }
        return out;
    }

    /** One trajectory [R+1][H] of finite values. */
    public MotifResult classify(double[][] x) {
        int r = x.length - 1;
        if (r == 0) return other("nothing to classify: R = 0, only s0 was recorded", null, null);
        if (r < th.minIterations()) {
            return other("too few iterations to tell motifs apart (R = " + r + " < " + th.minIterations() + ")", null, null);
        }
        TrajectoryFeatures.Measured m = TrajectoryFeatures.Measured.of(x);
        TrajectoryFeatures f = m.features();
        // float32 states cannot resolve motion much below 1e-6 of their norm: late steps that small are
        // rounding noise around a point, whatever shape the noise happens to trace (it can look like a
        // quasi-periodic orbit of radius 1e-7 × the norm, or like steps "growing" 1.03× per step)
        if (f.tailStep() <= NUMERIC_FLOOR * f.meanNorm()) return fixedPoint(m);
        if (f.stepGrowth() >= th.divergeGrowth() && f.shrink() >= th.divergeFactor()) {
            return new MotifResult(Motif.DIVERGING, new MotifEvidence.Diverging(f.stepGrowth(), f.normGrowth(), null), f, null);
        }
        if (f.stepGrowth() <= th.contractGrowth() && f.shrink() <= th.contractShrink()) return fixedPoint(m);
        if (isOrbit(f)) return new MotifResult(Motif.ORBIT, OrbitFit.of(m), f, null);
        if (f.straightness() >= th.sliderStraightness() && f.alongShare() >= th.sliderAlongShare()) return slider(m);
        // settled: tiny late steps that either go nowhere (noise around a point) or are still shrinking (the
        // last of a contraction reaching its noise floor); a random walk's steps neither stay put nor shrink
        boolean tiny = f.tailStep() <= th.settleTail() * f.peakStep();
        if (f.peakStep() == 0 || (tiny && (f.wander() <= th.settleMaxWander() || f.shrink() <= th.settleShrink()))) {
            return fixedPoint(m);
        }
        return other(otherReason(f), f, null);
    }

    private boolean isOrbit(TrajectoryFeatures f) {
        return f.stepShare4() >= th.orbitStepShare()
                && f.stateShare4() >= th.orbitStateShare()
                && f.straightness() <= th.orbitMaxStraightness()
                && f.radiusCv() <= th.orbitMaxRadiusCv()
                && Math.abs(Math.log(f.stepGrowth())) <= th.orbitStepBand();
    }

    /** A trajectory that turned NaN/Inf at step {@code bad}: diverging if it was blowing up, else judged on what is left. */
    private MotifResult classifyPrefix(double[][] prefix, int bad) {
        String where = "states are NaN/Inf from step " + bad;
        if (prefix.length >= 3) {
            double first = TrajectoryFeatures.norm(prefix[0]), last = TrajectoryFeatures.norm(prefix[prefix.length - 1]);
            double lastStep = TrajectoryFeatures.distance(prefix[prefix.length - 1], prefix[prefix.length - 2]);
            double prevStep = TrajectoryFeatures.distance(prefix[prefix.length - 2], prefix[prefix.length - 3]);
            if (last > 10 * first || lastStep > 2 * prevStep) {
                double growth = prevStep > 0 ? lastStep / prevStep : Double.POSITIVE_INFINITY;
                double normGrowth = first > 0 ? Math.pow(last / first, 1.0 / (prefix.length - 1)) : Double.POSITIVE_INFINITY;
                return new MotifResult(Motif.DIVERGING, new MotifEvidence.Diverging(growth, normGrowth, bad), null, where);
            }
        }
        if (prefix.length - 1 < th.minIterations()) {
            return other(where + "; too few finite steps before that to classify", null, null);
        }
        MotifResult r = classify(prefix);
        return new MotifResult(r.motif(), r.evidence(), r.features(), where + "; classified on steps 0–" + (bad - 1));
    }

    private MotifResult fixedPoint(TrajectoryFeatures.Measured m) {
        TrajectoryFeatures f = m.features();
        double[] a = m.stepSizes();
        int r = f.iterations();
        // fit the contraction where steps are above the noise floor (3× the late RMS step), skipping the jump from s0
        List<Integer> active = new ArrayList<>();
        for (int t = 2; t <= r; t++) if (a[t] > 3 * f.tailStep() && a[t] > 0) active.add(t);
        double ratio;
        if (f.peakStep() == 0) {
            ratio = 0;
        } else if (active.size() >= 3) {
            ratio = Math.min(1, Math.exp(TrajectoryFeatures.logSlope(a, active.stream().mapToInt(Integer::intValue).toArray(), 0)));
        } else {
            ratio = Math.min(1, f.stepGrowth());
        }
        double[] fin = m.x()[r];
        double[] dist = new double[r + 1];
        double maxDist = 0;
        for (int t = 0; t <= r; t++) {
            dist[t] = TrajectoryFeatures.distance(m.x()[t], fin);
            maxDist = Math.max(maxDist, dist[t]);
        }
        int settle = r;
        while (settle > 0 && dist[settle - 1] <= th.settleBand() * maxDist) settle--;
        Integer settling = settle <= r - 2 ? settle : null;
        double finalNorm = TrajectoryFeatures.norm(fin);
        double finalRelative = finalNorm > 0 ? a[r] / finalNorm : 0;
        return new MotifResult(Motif.FIXED_POINT, new MotifEvidence.FixedPoint(ratio, settling, finalRelative), f, null);
    }

    private MotifResult slider(TrajectoryFeatures.Measured m) {
        TrajectoryFeatures f = m.features();
        double net = TrajectoryFeatures.norm(m.drift());
        double[] direction = m.drift().clone();
        for (int j = 0; j < direction.length; j++) direction[j] /= net;
        int steps = f.iterations() - f.windowStart();
        double speed = net / steps;
        double relative = f.meanNorm() > 0 ? speed / f.meanNorm() : 0;
        return new MotifResult(Motif.SLIDER, new MotifEvidence.Slider(speed, relative, f.straightness(), f.alongShare(), direction), f, null);
    }

    private static String otherReason(TrajectoryFeatures f) {
        String shape;
        if (f.stepShare4() < 0.5 && f.wander() > 3) shape = "wanders without structure, like a random walk";
        else if (f.stepShare4() < 0.5) shape = "jitters without structure";
        else shape = "moves in a few directions but neither settles, returns nor drifts steadily";
        return String.format(Locale.ROOT,
                "%s: steps ×%.3f per step, straightness %.2f, wander %.1f RMS steps, top-4 directions hold %.0f%% of the motion, late/peak step %.3f",
                shape, f.stepGrowth(), f.straightness(), f.wander(), 100 * f.stepShare4(), f.peakStep() > 0 ? f.tailStep() / f.peakStep() : 0);
    }

    private static MotifResult other(String reason, TrajectoryFeatures f, String note) {
        return new MotifResult(Motif.OTHER, new MotifEvidence.Other(reason), f, note);
    }
}
