package io.loopscope.inference.tokenizer;

/** Text to token ids and back to something a person can read, one token at a time. */
public interface Tokenizer extends AutoCloseable {
    /**
     * The ids of text, without special tokens (no BOS/EOS: the caller decides).
     *
     * @throws IllegalArgumentException when text is empty, or holds characters the vocabulary cannot represent
     */
    long[] encode(String text);

    /** How one token looks when shown alone (control characters escaped); never null. */
    String tokenString(long id);

    /** The text of a run of ids as the model wrote it (special tokens left out); "" for none. */
    String decode(long[] ids);

    /**
     * The special tokens that end a text or a turn ({@link #END_MARKERS}), which generation stops at;
     * empty when the vocabulary has none.
     */
    java.util.Set<Long> endTokenIds();

    /** Special tokens that mark the end of a text or turn, as the tokenizers of looped models name them. */
    java.util.Set<String> END_MARKERS = java.util.Set.of("<|end_text|>", "<|end_turn|>", "<|endoftext|>", "</s>", "<eos>", "<|im_end|>");

    /** The id of a special token by its content, if the vocabulary has it. */
    java.util.OptionalLong specialId(String content);

    /** One past the largest id the tokenizer knows (the model's embedding may have more, padded rows). */
    int vocabSize();

    /** Releases native resources, if any. */
    @Override
    default void close() {
    }
}
