package io.loopscope.analysis.convergence;

import io.loopscope.inference.exit.ExitCriterion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When one exit criterion would have stopped each token.
 *
 * @param criterion   the criterion
 * @param threshold   the threshold it was evaluated at
 * @param steps       per token the first step (1..R) it fired, or null where it never did; empty when unavailable
 * @param unavailable why it could not be evaluated (missing lens data), or null
 */
public record CriterionSteps(ExitCriterion criterion, double threshold, List<Integer> steps, String unavailable) {
    public CriterionSteps {
        java.util.Objects.requireNonNull(criterion, "criterion");
        steps = Collections.unmodifiableList(new ArrayList<>(steps)); // List.copyOf rejects the nulls that mean "never"
        if (unavailable != null && !steps.isEmpty()) throw new IllegalArgumentException("an unavailable criterion has no steps");
    }

    public static CriterionSteps unavailable(ExitCriterion criterion, double threshold, String reason) {
        return new CriterionSteps(criterion, threshold, List.of(), reason);
    }

    public boolean available() {
        return unavailable == null;
    }
}
