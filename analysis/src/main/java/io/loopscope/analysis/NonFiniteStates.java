package io.loopscope.analysis;

import java.util.List;

/**
 * The steps at which one token's recorded state holds NaN or ±Inf. Such states are left out of
 * every fit and statistic; the rest of the token (and every other token) is still analysed.
 *
 * @param token the token index
 * @param steps the affected steps, ascending
 */
public record NonFiniteStates(int token, List<Integer> steps) {
    public NonFiniteStates {
        if (token < 0) throw new IllegalArgumentException("token must be >= 0");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) throw new IllegalArgumentException("no steps");
    }

    public int firstStep() {
        return steps.getFirst();
    }

    /** "steps 3–7, 9" style, for messages. */
    public String describeSteps() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < steps.size()) {
            int j = i;
            while (j + 1 < steps.size() && steps.get(j + 1) == steps.get(j) + 1) j++;
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(steps.get(i));
            if (j > i) sb.append('–').append(steps.get(j));
            i = j + 1;
        }
        return (steps.size() == 1 ? "step " : "steps ") + sb;
    }
}
