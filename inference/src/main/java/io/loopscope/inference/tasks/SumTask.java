package io.loopscope.inference.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Multi-operand arithmetic, the paper's own probe: the sum of n digits modulo 10.
 * {@code 4+7+1+9=} → {@code 1}. Each extra operand is one more addition to carry in the latent.
 */
public final class SumTask implements Task {
    @Override public String name() { return "sum"; }
    @Override public String knob() { return "operands"; }
    @Override public String format() { return "digits joined by '+', then '=': 4+7+1+9= -> 1 (the sum mod 10)"; }
    @Override public Range training() { return new Range(2, 6); }
    @Override public Range harder() { return new Range(7, 10); }

    @Override
    public Example sample(SplittableRandom rng, int operands) {
        if (operands < 1) throw new IllegalArgumentException("sum needs at least one operand, got " + operands);
        StringBuilder prompt = new StringBuilder();
        int sum = 0;
        for (int i = 0; i < operands; i++) {
            int digit = rng.nextInt(10);
            sum += digit;
            if (i > 0) prompt.append('+');
            prompt.append(digit);
        }
        prompt.append('=');
        return new Example(name(), operands, prompt.toString(), (char) ('0' + sum % 10));
    }

    /** {@code 4+7+1+9=}: at each operand's digit the total so far mod 10 — 4, 1, 2, 1 at positions 0, 2, 4, 6. */
    @Override
    public Map<Integer, Character> runningAnswers(Example example) {
        String prompt = example.prompt();
        Map<Integer, Character> out = new TreeMap<>();
        int total = 0;
        for (int i = 0; i < prompt.length() - 1; i++) {
            char c = prompt.charAt(i);
            if (c < '0' || c > '9') continue;
            total = (total + c - '0') % 10;
            out.put(i, (char) ('0' + total));
        }
        return out;
    }
}
