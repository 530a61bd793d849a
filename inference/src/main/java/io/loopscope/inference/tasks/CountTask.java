package io.loopscope.inference.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Counting: how many times a letter occurs in a string. {@code how many x in xaxbxx?} → {@code 4}.
 * The difficulty is the string's length; the count is drawn from 0..min(length, 9) so every one-digit
 * answer is trained and longer strings are harder only because there is more to count — a candidate
 * for a "slider" that advances a counter in latent space.
 */
public final class CountTask implements Task {
    private static final String PREFIX = "how many ";

    @Override public String name() { return "count"; }
    @Override public String knob() { return "letters"; }
    @Override public String format() { return "how many <letter> in <letters>? : how many x in xaxbxx? -> 4"; }
    @Override public Range training() { return new Range(1, 9); }
    @Override public Range harder() { return new Range(10, 16); }

    @Override
    public Example sample(SplittableRandom rng, int letters) {
        if (letters < 1) throw new IllegalArgumentException("count needs at least one letter, got " + letters);
        char target = (char) ('a' + rng.nextInt(26));
        int count = rng.nextInt(Math.min(letters, 9) + 1);
        List<Character> chars = new ArrayList<>();
        for (int i = 0; i < count; i++) chars.add(target);
        while (chars.size() < letters) {
            char other;
            do {
                other = (char) ('a' + rng.nextInt(26));
            } while (other == target);
            chars.add(other);
        }
        HopTask.shuffle(chars, rng);
        StringBuilder s = new StringBuilder(PREFIX).append(target).append(" in ");
        chars.forEach(s::append);
        s.append('?');
        return new Example(name(), letters, s.toString(), (char) ('0' + count));
    }

    /** {@code how many x in xaxb?}: after each letter of the string the count so far — 1, 1, 2, 2. */
    @Override
    public Map<Integer, Character> runningAnswers(Example example) {
        String prompt = example.prompt();
        char target = prompt.charAt(PREFIX.length());
        int from = prompt.indexOf(" in ", PREFIX.length()) + 4;
        Map<Integer, Character> out = new TreeMap<>();
        int count = 0;
        for (int i = from; i < prompt.length() - 1; i++) {
            if (prompt.charAt(i) == target) count++;
            if (count > 9) break;       // one digit only; the task's answers never exceed 9 either
            out.put(i, (char) ('0' + count));
        }
        return out;
    }
}
