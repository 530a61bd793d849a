package io.loopscope.ui.demo;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.engine.RunLens;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Checks a demo's claims against what the analysis found in its runs — so a demo never narrates an
 * effect the shipped model does not show. Each result says what was found, for the test's failure
 * message and for {@code loopscope demo}'s printout.
 */
public final class DemoChecker {

    /** One claim and whether it holds, with the evidence in words. */
    public record Result(Demo.Claim claim, boolean holds, String found) {
    }

    private DemoChecker() {
    }

    public static List<Result> check(Demo d, DemoRuns runs) {
        List<Result> out = new ArrayList<>();
        for (Demo.Claim c : d.claims()) out.add(check(d, runs, c));
        return out;
    }

    public static boolean allHold(List<Result> results) {
        return results.stream().allMatch(Result::holds);
    }

    static Result check(Demo d, DemoRuns runs, Demo.Claim c) {
        RunResult r = "b".equals(c.run()) ? runs.b() : runs.a();
        if (r == null) return new Result(c, false, "the demo has no run " + c.run());
        for (int t : c.tokens()) if (t < 0 || t >= r.tokens()) return new Result(c, false, "token " + t + " is outside the prompt's " + r.tokens() + " tokens");
        for (int t : c.others()) if (t < 0 || t >= r.tokens()) return new Result(c, false, "token " + t + " is outside the prompt's " + r.tokens() + " tokens");
        return switch (c.kind()) {
            case "motif" -> motif(r, c);
            case "exit_before" -> exitBefore(d, r, c);
            case "lens_top1" -> lens(r, c);
            case "same_attractor", "different_attractor" -> attractor(runs, c);
            case "generates" -> generates(r, c);
            default -> new Result(c, false, "unknown claim kind " + c.kind());
        };
    }

    private static Result motif(RunResult r, Demo.Claim c) {
        boolean ok = true;
        StringBuilder found = new StringBuilder();
        for (int t : c.tokens()) {
            String m = r.analysis().motif(t).label();
            ok &= m.equals(c.motif());
            found.append(found.isEmpty() ? "" : "; ").append("token ").append(t).append(": ").append(m).append(" (").append(r.analysis().motif(t).headline()).append(")");
        }
        return new Result(c, ok, found.toString());
    }

    private static Result exitBefore(Demo d, RunResult r, Demo.Claim c) {
        ExitCriterion crit = DemoRuns.criterion(d);
        double th = DemoRuns.threshold(d);
        int latestEarly = -1, earliestLate = Integer.MAX_VALUE;
        StringBuilder found = new StringBuilder(crit.id() + " exit steps:");
        for (int t : c.tokens()) {
            OptionalInt s = r.analysis().exitStep(crit, th, t);
            latestEarly = Math.max(latestEarly, s.orElse(Integer.MAX_VALUE));
            found.append(" ").append(t).append("→").append(s.isPresent() ? s.getAsInt() : "never");
        }
        found.append(" before");
        for (int t : c.others()) {
            OptionalInt s = r.analysis().exitStep(crit, th, t);
            earliestLate = Math.min(earliestLate, s.orElse(Integer.MAX_VALUE));
            found.append(" ").append(t).append("→").append(s.isPresent() ? s.getAsInt() : "never");
        }
        return new Result(c, latestEarly < earliestLate, found.toString());
    }

    private static Result lens(RunResult r, Demo.Claim c) {
        RunLens top = r.analysis().lens();
        if (top.topK() == 0 || c.tokens().isEmpty()) return new Result(c, false, "no lens top-k recorded");
        int t = c.tokens().getFirst();
        boolean ok = true;
        StringBuilder found = new StringBuilder("lens top-1 of token " + t + ":");
        for (int s : c.rightAt()) {
            String g = guess(r, top, s, t);
            ok &= g != null && g.equals(c.answer());
            found.append(" step ").append(s).append(" '").append(g).append("'");
        }
        for (int s : c.wrongAt()) {
            String g = guess(r, top, s, t);
            ok &= g != null && !g.equals(c.answer());
            found.append(" step ").append(s).append(" '").append(g).append("'");
        }
        return new Result(c, ok, found.append(" (answer '").append(c.answer()).append("')").toString());
    }

    private static String guess(RunResult r, RunLens top, int step, int token) {
        if (step < 0 || step > r.iterations()) return null;
        return r.tokenString(top.topId(step, token, 0));
    }

    /** The run wrote exactly the answer and then stopped by itself, at an end token. */
    private static Result generates(RunResult r, Demo.Claim c) {
        var g = r.trace().generation();
        if (g == null) return new Result(c, false, "the run did not generate");
        String text = g.settings().text(), stop = g.settings().stopReason();
        return new Result(c, text.equals(c.answer()) && stop.equals("end-token"),
                "generated '" + text + "' (" + g.generatedIds().length + " tokens), stopped by " + stop);
    }

    private static Result attractor(DemoRuns runs, Demo.Claim c) {
        if (runs.comparison() == null) return new Result(c, false, "runs A and B could not be compared");
        boolean same = c.kind().equals("same_attractor"), ok = true;
        StringBuilder found = new StringBuilder();
        List<Integer> tokens = c.tokens().isEmpty() ? range(runs.comparison().tokens()) : c.tokens();
        for (int t : tokens) {
            boolean s = runs.comparison().sameAttractor(t);
            ok &= s == same;
            found.append(found.isEmpty() ? "" : "; ").append("token ").append(t).append(s ? " same" : " different")
                    .append(String.format(java.util.Locale.ROOT, " (%.3g apart)", runs.comparison().finalDistance(t)));
        }
        return new Result(c, ok, found.toString());
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(i);
        return out;
    }
}
