package io.loopscope.inference.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Counting: how many times a letter occurs in a short string. {@code how many x in xaxbxx?} → {@code 4}.
 * The difficulty is the count itself (1–9) — a candidate for a "slider" that advances a counter in
 * latent space. Up to three other letters pad the string so length does not give the count away.
 */
public final class CountTask implements Task {
    static final int MAX_FILLERS = 3;

    @Override public String name() { return "count"; }
    @Override public String knob() { return "occurrences"; }
    @Override public String format() { return "how many <letter> in <letters>? : how many x in xaxbxx? -> 4"; }
    @Override public Range training() { return new Range(1, 6); }
    @Override public Range harder() { return new Range(7, 9); }

    @Override
    public Example sample(SplittableRandom rng, int count) {
        if (count < 0 || count > 9) throw new IllegalArgumentException("count must be in 0..9 (one-digit answers), got " + count);
        char target = (char) ('a' + rng.nextInt(26));
        int fillers = (count == 0 ? 1 : 0) + rng.nextInt(MAX_FILLERS + 1);
        List<Character> chars = new ArrayList<>();
        for (int i = 0; i < count; i++) chars.add(target);
        for (int i = 0; i < fillers; i++) {
            char other;
            do {
                other = (char) ('a' + rng.nextInt(26));
            } while (other == target);
            chars.add(other);
        }
        HopTask.shuffle(chars, rng);
        StringBuilder s = new StringBuilder("how many ").append(target).append(" in ");
        chars.forEach(s::append);
        s.append('?');
        return new Example(name(), count, s.toString(), (char) ('0' + count));
    }
}
