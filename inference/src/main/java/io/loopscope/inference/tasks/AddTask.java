package io.loopscope.inference.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Multi-digit addition: two numbers of d digits each and their sum in decimal, written as a person
 * would. {@code 47+85=} → {@code 132}. The answer has several characters, produced one at a time;
 * its first digit already depends on every carry, so longer operands mean longer carry chains to
 * resolve in the latent before the first character is written.
 */
public final class AddTask implements Task {
    @Override public String name() { return "add"; }
    @Override public String knob() { return "digits"; }
    @Override public String format() { return "two d-digit numbers joined by '+', then '=': 47+85= -> 132 (answer written one digit at a time)"; }
    // From two digits: "6+4=" with one-digit numbers is also a two-operand sum question (answer 0, not 10).
    @Override public Range training() { return new Range(2, 3); }
    @Override public Range harder() { return new Range(4, 5); }

    @Override
    public Example sample(SplittableRandom rng, int digits) {
        if (digits < 1 || digits > 9) throw new IllegalArgumentException("add needs 1..9 digits per operand, got " + digits);
        long a = number(rng, digits), b = number(rng, digits);
        return new Example(name(), digits, a + "+" + b + "=", Long.toString(a + b));
    }

    /** A uniformly drawn number of exactly d digits (0..9 when d = 1). */
    private static long number(SplittableRandom rng, int digits) {
        long high = Math.powExact(10L, digits), low = digits == 1 ? 0 : high / 10;
        return low + rng.nextLong(high - low);
    }

    /**
     * {@code 47+85=}: under each digit of the second number the digit sum of its column without carries
     * — 2 (4+8) and 2 (7+5) at positions 3 and 4. The carries, which need the columns to the right, are
     * left to the answer.
     */
    @Override
    public Map<Integer, Character> runningAnswers(Example example) {
        String prompt = example.prompt();
        int plus = prompt.indexOf('+'), digits = plus;
        if (prompt.length() != 2 * digits + 2) return Map.of();     // operands of different lengths: no columns
        Map<Integer, Character> out = new TreeMap<>();
        for (int i = 0; i < digits; i++) {
            int column = (prompt.charAt(i) - '0' + prompt.charAt(plus + 1 + i) - '0') % 10;
            out.put(plus + 1 + i, (char) ('0' + column));
        }
        return out;
    }
}
