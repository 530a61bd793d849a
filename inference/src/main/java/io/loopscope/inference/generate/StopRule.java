package io.loopscope.inference.generate;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * When generation ends before max-new-tokens: at one of the tokenizer's end tokens, or once the
 * generated text contains a stop string (the token that completes it is kept).
 *
 * @param endIds  ids that end the text (Huginn: {@code <|end_text|>}, {@code <|end_turn|>})
 * @param strings stop strings, none empty
 * @param text    generated ids → text, the tokenizer's decoding (needed when there are stop strings)
 */
public record StopRule(Set<Long> endIds, List<String> strings, Function<long[], String> text) {

    public static final StopRule NONE = new StopRule(Set.of(), List.of(), ids -> "");

    public StopRule {
        endIds = Set.copyOf(endIds);
        strings = List.copyOf(strings);
        Objects.requireNonNull(text, "text");
        for (String s : strings) if (s.isEmpty()) throw new IllegalArgumentException("a stop string must not be empty");
    }

    /** Why generation should end after these generated ids, or null to go on. */
    String reason(long[] generated, int count) {
        if (endIds.contains(generated[count - 1])) return "end-token";
        if (strings.isEmpty()) return null;
        String text = this.text.apply(java.util.Arrays.copyOf(generated, count));
        for (String s : strings) if (text.contains(s)) return "stop-string";
        return null;
    }
}
