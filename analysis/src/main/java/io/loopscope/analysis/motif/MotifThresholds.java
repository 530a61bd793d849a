package io.loopscope.analysis.motif;

/**
 * Every number the motif rules compare against; analysis/MOTIFS.md gives the reasoning for each
 * default. All ratios are scale-free, so the same defaults hold in raw and normalized space.
 *
 * @param minIterations        fewer loop iterations than this: too short to tell motifs apart
 * @param divergeGrowth        step sizes growing at least this factor per step (fitted over the window) …
 * @param divergeFactor        … and the last third of the window's steps at least this many times the first third → diverging
 * @param contractGrowth       step sizes shrinking to at most this factor per step …
 * @param contractShrink       … and the last third of the window's steps at most this fraction of the first third → fixed point
 * @param orbitStepShare       share of step energy in the top 4 step directions (motion confined to ≤ 2 planes)
 * @param orbitStateShare      share of window variance in the top 4 state directions
 * @param orbitMaxStraightness net displacement / path length at most this (the motion returns)
 * @param orbitMaxRadiusCv     spread of the distance to the window centre, relative to its mean
 * @param orbitStepBand        |log(step growth per step)| at most this (neither spiralling in nor out)
 * @param sliderStraightness   net displacement / path length at least this
 * @param sliderAlongShare     share of step energy along the net drift direction at least this
 * @param settleTail           late steps (RMS of the last quarter) at most this fraction of the largest step …
 * @param settleMaxWander      … and the last quarter's net displacement at most this many RMS steps …
 * @param settleShrink         … or the window's steps still shrinking to at most this fraction → settled fixed point
 * @param settleBand           settling step: the state stays within this fraction of its largest distance from the final state
 */
public record MotifThresholds(
        int minIterations,
        double divergeGrowth,
        double divergeFactor,
        double contractGrowth,
        double contractShrink,
        double orbitStepShare,
        double orbitStateShare,
        double orbitMaxStraightness,
        double orbitMaxRadiusCv,
        double orbitStepBand,
        double sliderStraightness,
        double sliderAlongShare,
        double settleTail,
        double settleMaxWander,
        double settleShrink,
        double settleBand) {

    public MotifThresholds {
        if (minIterations < 4) throw new IllegalArgumentException("minIterations must be >= 4");
        if (!(divergeGrowth > 1) || !(divergeFactor > 1)) throw new IllegalArgumentException("diverging thresholds must exceed 1");
        if (!(contractGrowth < 1 && contractGrowth > 0) || !(contractShrink < 1 && contractShrink > 0)) {
            throw new IllegalArgumentException("contraction thresholds must lie in (0, 1)");
        }
        for (double share : new double[] {orbitStepShare, orbitStateShare, orbitMaxStraightness, sliderStraightness, sliderAlongShare, settleTail, settleBand}) {
            if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("shares and fractions must lie in (0, 1], got " + share);
        }
        if (!(orbitMaxRadiusCv > 0) || !(orbitStepBand > 0) || !(settleMaxWander > 0)) throw new IllegalArgumentException("bands must be > 0");
        if (!(settleShrink > 0 && settleShrink < 1)) throw new IllegalArgumentException("settleShrink must lie in (0, 1)");
    }

    /** The defaults, each by name (analysis/MOTIFS.md gives the reasoning). */
    public static MotifThresholds defaults() {
        int minIterations = 8;
        double divergeGrowth = 1.02, divergeFactor = 2.0;
        double contractGrowth = 0.985, contractShrink = 0.75;
        double orbitStepShare = 0.8, orbitStateShare = 0.8, orbitMaxStraightness = 0.5, orbitMaxRadiusCv = 0.35, orbitStepBand = 0.03;
        double sliderStraightness = 0.8, sliderAlongShare = 0.6;
        double settleTail = 0.02, settleMaxWander = 2.5, settleShrink = 0.9, settleBand = 0.01;
        return new MotifThresholds(minIterations, divergeGrowth, divergeFactor, contractGrowth, contractShrink, orbitStepShare,
                orbitStateShare, orbitMaxStraightness, orbitMaxRadiusCv, orbitStepBand, sliderStraightness, sliderAlongShare,
                settleTail, settleMaxWander, settleShrink, settleBand);
    }
}
