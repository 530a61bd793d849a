package io.loopscope.analysis.motif;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Why a trajectory got its label: the measured quantities, per motif. */
public sealed interface MotifEvidence {

    /** One sentence a user can read, e.g. "contracts 0.83× per step, settled by step 14". */
    String describe();

    /** The numbers by name, for JSON (large vectors such as planes are left out). */
    Map<String, Object> summary();

    /**
     * @param contractionRatio fitted factor by which the step size shrinks per step (before the noise floor)
     * @param settlingStep     first step after which the state stays within the settle band of the final state, or null
     * @param finalRelativeStep ‖s_R − s_{R−1}‖ / ‖s_R‖
     */
    record FixedPoint(double contractionRatio, Integer settlingStep, double finalRelativeStep) implements MotifEvidence {
        public FixedPoint {
            if (!(contractionRatio >= 0)) throw new IllegalArgumentException("contraction ratio must be >= 0");
        }

        public String describe() {
            return String.format(Locale.ROOT, "contracts %.2f× per step, %s; last relative step %.1e", contractionRatio,
                    settlingStep == null ? "not settled by the last step" : "settled by step " + settlingStep, finalRelativeStep);
        }

        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contraction_ratio", contractionRatio);
            m.put("settling_step", settlingStep);
            m.put("final_relative_step", finalRelativeStep);
            return m;
        }
    }

    /**
     * @param period           smallest lag after which the state returns (within a quarter radius), or null (quasi-periodic)
     * @param rotationDegrees  mean rotation per step in each plane of motion, degrees
     * @param radius           mean distance from the orbit's centre
     * @param relativeRadius   radius / mean state norm
     * @param plane            unit vectors [planes·2][H] spanning the plane(s) the state turns in
     */
    record Orbit(Integer period, double[] rotationDegrees, double radius, double relativeRadius, double[][] plane) implements MotifEvidence {
        public Orbit {
            if (rotationDegrees.length < 1 || rotationDegrees.length > 2) throw new IllegalArgumentException("one or two planes");
            if (plane.length != 2 * rotationDegrees.length) throw new IllegalArgumentException("two basis vectors per plane");
            if (!(radius >= 0)) throw new IllegalArgumentException("radius must be >= 0");
            rotationDegrees = rotationDegrees.clone();
            plane = plane.clone();
        }

        @Override
        public double[] rotationDegrees() {
            return rotationDegrees.clone();
        }

        @Override
        public double[][] plane() {
            double[][] c = new double[plane.length][];
            for (int i = 0; i < c.length; i++) c[i] = plane[i].clone();
            return c;
        }

        public String describe() {
            StringBuilder angles = new StringBuilder();
            for (double a : rotationDegrees) angles.append(angles.isEmpty() ? "" : " and ").append(String.format(Locale.ROOT, "%.0f°", a));
            return String.format(Locale.ROOT, "turns %s per step in %s, radius %.3g (%.1f%% of the state norm), %s",
                    angles, rotationDegrees.length == 1 ? "one plane" : "two planes", radius, 100 * relativeRadius,
                    period == null ? "no exact period (quasi-periodic)" : "period " + period + " steps");
        }

        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("period", period);
            m.put("rotation_degrees_per_step", rotationDegrees.clone());
            m.put("radius", radius);
            m.put("relative_radius", relativeRadius);
            m.put("planes", rotationDegrees.length);
            return m;
        }
    }

    /**
     * @param speed                 mean advance per step along the drift direction
     * @param relativeSpeed         speed / mean state norm
     * @param directionConsistency  net displacement / path length over the window (1 = a straight line)
     * @param alongShare            share of step energy along the drift direction
     * @param direction             [H] unit drift direction
     */
    record Slider(double speed, double relativeSpeed, double directionConsistency, double alongShare, double[] direction) implements MotifEvidence {
        public Slider {
            direction = direction.clone();
        }

        @Override
        public double[] direction() {
            return direction.clone();
        }

        public String describe() {
            return String.format(Locale.ROOT, "drifts %.3g per step (%.2f%% of the state norm) in a consistent direction (consistency %.2f, %.0f%% of motion along it)",
                    speed, 100 * relativeSpeed, directionConsistency, 100 * alongShare);
        }

        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("speed", speed);
            m.put("relative_speed", relativeSpeed);
            m.put("direction_consistency", directionConsistency);
            m.put("along_share", alongShare);
            return m;
        }
    }

    /**
     * @param growthRate     factor by which the step size grows per step
     * @param normGrowth     factor by which the state norm grows per step over the window
     * @param nonFiniteFrom  first step with NaN/Inf, or null
     */
    record Diverging(double growthRate, double normGrowth, Integer nonFiniteFrom) implements MotifEvidence {
        public String describe() {
            return String.format(Locale.ROOT, "DIVERGING: steps grow %.2f× per step, norm %.2f× per step%s", growthRate, normGrowth,
                    nonFiniteFrom == null ? "" : ", NaN/Inf from step " + nonFiniteFrom);
        }

        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("growth_rate", growthRate);
            m.put("norm_growth", normGrowth);
            m.put("non_finite_from", nonFiniteFrom);
            return m;
        }
    }

    /** @param reason why none of the motifs fit, in words */
    record Other(String reason) implements MotifEvidence {
        public Other {
            java.util.Objects.requireNonNull(reason, "reason");
        }

        public String describe() {
            return reason;
        }

        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reason", reason);
            return m;
        }
    }
}
