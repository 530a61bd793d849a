package io.loopscope.inference.tasks;

import java.util.SplittableRandom;

/**
 * The control: recall the first letter of a string. {@code copy qwer=} → {@code q}. One attention
 * look-up answers it, so it needs no thinking — a candidate for an immediate fixed point, and the
 * baseline against which the other tasks' gains from iterations are read.
 */
public final class CopyTask implements Task {
    @Override public String name() { return "copy"; }
    @Override public String knob() { return "letters"; }
    @Override public String format() { return "'copy ', letters, '=': answer the first letter: copy qwer= -> q"; }
    @Override public Range training() { return new Range(1, 6); }
    @Override public Range harder() { return new Range(7, 12); }

    @Override
    public Example sample(SplittableRandom rng, int letters) {
        if (letters < 1) throw new IllegalArgumentException("copy needs at least one letter, got " + letters);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < letters; i++) word.append((char) ('a' + rng.nextInt(26)));
        return new Example(name(), letters, "copy " + word + "=", word.charAt(0));
    }
}
