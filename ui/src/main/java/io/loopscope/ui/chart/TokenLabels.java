package io.loopscope.ui.chart;

/** How a token is written on chips, axes, legends and titles. */
public final class TokenLabels {
    private TokenLabels() {
    }

    /**
     * A token with its position, "[12] cat": the position in brackets so it never reads as a token id
     * (models without a tokenizer show tokens as "#id").
     */
    public static String label(int position, String token) {
        return "[" + position + "] " + display(token);
    }

    /** Whitespace made visible, so a space token is not an empty chip. */
    public static String display(String token) {
        if (token == null || token.isEmpty()) return "∅";
        return token.replace(' ', '␣').replace("\n", "↵").replace("\t", "⇥");
    }
}
