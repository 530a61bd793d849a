package io.loopscope.ui.demo;

import io.loopscope.ui.engine.GenerateSettings;
import io.loopscope.ui.views.ViewType;
import java.util.List;
import java.util.Objects;

/**
 * A teaching demo (a JSON file in sample-prompts/demos): a prompt, how to run it, what to look at,
 * the claims its text makes — checkable against the analysis — and a guided tour.
 *
 * @param id       file name without .json
 * @param title    one line
 * @param prompt   the prompt (token ids for models without a tokenizer)
 * @param model    "embedded" or a model folder
 * @param settings how to run it
 * @param lookAt   what to look at, in a few sentences
 * @param claims   what the text says the analysis finds; a test checks every one on the shipped model
 * @param tour     3–6 steps
 */
public record Demo(String id, String title, String prompt, String model, Settings settings, String lookAt, List<Claim> claims, List<Step> tour) {

    public static final String EMBEDDED = "embedded";

    public Demo {
        Objects.requireNonNull(id, "id");
        claims = List.copyOf(claims);
        tour = List.copyOf(tour);
    }

    /**
     * @param iterations R of run A
     * @param seeds      seed of run A first; a second seed makes run B (path independence)
     * @param init       "random" or "zeros"
     * @param criterion  exit criterion id shown in metrics and chips
     * @param threshold  its threshold (NaN: the criterion's default)
     * @param compareIterations R of run B when B differs from A by iteration count (0: none)
     * @param generate   how run A generates after the prompt (its exit is the criterion above), or null: one pass
     */
    public record Settings(int iterations, List<Long> seeds, String init, String criterion, double threshold, int compareIterations,
                           GenerateSettings generate) {
        public Settings {
            seeds = List.copyOf(seeds);
        }

        public Settings(int iterations, List<Long> seeds, String init, String criterion, double threshold, int compareIterations) {
            this(iterations, seeds, init, criterion, threshold, compareIterations, null);
        }

        /** Whether the demo has a run B (another seed, or another iteration count). */
        public boolean hasRunB() {
            return seeds.size() > 1 || compareIterations > 0;
        }
    }

    /** One step of the tour: the text, the view it talks about, the tokens it selects and the step it shows (-1: the last). */
    public record Step(String text, ViewType view, List<Integer> tokens, int step) {
        public Step {
            Objects.requireNonNull(view, "view");
            tokens = List.copyOf(tokens);
        }

        /** A step about the view of this id (IllegalArgumentException naming the views when there is none). */
        public Step(String text, String view, List<Integer> tokens, int step) {
            this(text, ViewType.byId(view), tokens, step);
        }
    }

    /**
     * One checkable claim. kind: "motif" (every token has motif), "exit_before" (every token of tokens
     * exits, under the demo's criterion, before every token of others), "lens_top1" (the lens's top-1 of
     * the first token is answer at every step of rightAt and not at any of wrongAt), "same_attractor"
     * (runs A and B reach the same attractor for every token), "different_attractor" (they do not, for
     * every token).
     */
    public record Claim(String kind, String run, List<Integer> tokens, List<Integer> others, String motif, String answer,
                        List<Integer> rightAt, List<Integer> wrongAt) {
        public Claim {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
            others = others == null ? List.of() : List.copyOf(others);
            rightAt = rightAt == null ? List.of() : List.copyOf(rightAt);
            wrongAt = wrongAt == null ? List.of() : List.copyOf(wrongAt);
            run = run == null ? "a" : run;
        }
    }

    /**
     * Checks every token index of the claims and the tour against the tokens run A has (its prompt,
     * and what it generated), once they are known; IllegalArgumentException names the first one outside.
     */
    public void requireTokensWithin(int count) {
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            for (List<Integer> list : List.of(c.tokens(), c.others())) {
                for (int t : list) if (t >= count) throw outside("claims[" + (i + 1) + "]", t, count);
            }
        }
        for (int i = 0; i < tour.size(); i++) {
            for (int t : tour.get(i).tokens()) if (t >= count) throw outside("tour step " + (i + 1), t, count);
        }
    }

    private IllegalArgumentException outside(String where, int token, int count) {
        return new IllegalArgumentException("demo " + id + ": " + where + " names token " + token + ", but the run has " + count
                + " tokens (0.." + (count - 1) + ")");
    }
}
