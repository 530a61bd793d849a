package io.loopscope.inference.tokenizer;

import java.util.List;
import java.util.Optional;

/**
 * A model's chat format: how one user message becomes a prompt that asks the model to answer.
 * Huginn-0125's (its tokenizer_config.json): {@code <|begin_text|>}, then per message
 * {@code <|begin_header|>ROLE<|end_header|>\n\n} text {@code <|end_turn|>}, then the generation
 * prompt {@code <|begin_header|>Huginn<|end_header|>\n\n}; the answer ends at {@code <|end_turn|>}
 * or {@code <|end_text|>} (both in {@link Tokenizer#END_MARKERS}).
 */
public record ChatTemplate(String name, String begin, String headerStart, String headerEnd, String turnEnd, String assistant) {

    public static final ChatTemplate HUGINN = new ChatTemplate("huginn", "<|begin_text|>", "<|begin_header|>", "<|end_header|>",
            "<|end_turn|>", "Huginn");

    /** The template a tokenizer's special tokens call for, if it has one. */
    public static Optional<ChatTemplate> of(Tokenizer tokenizer) {
        for (ChatTemplate t : List.of(HUGINN)) {
            if (t.markers().stream().allMatch(m -> tokenizer.specialId(m).isPresent())) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** The special tokens the template needs. */
    public List<String> markers() {
        return List.of(begin, headerStart, headerEnd, turnEnd);
    }

    /** One user message as the prompt text (the tokenizer turns the markers into their special ids). */
    public String render(String userMessage) {
        if (userMessage == null || userMessage.isBlank()) throw new IllegalArgumentException("the chat message is empty");
        return begin + headerStart + "user" + headerEnd + "\n\n" + userMessage.strip() + turnEnd
                + headerStart + assistant + headerEnd + "\n\n";
    }
}
