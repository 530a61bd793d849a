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

    /** One past the largest id the tokenizer knows (the model's embedding may have more, padded rows). */
    int vocabSize();

    /** Releases native resources, if any. */
    @Override
    default void close() {
    }
}
