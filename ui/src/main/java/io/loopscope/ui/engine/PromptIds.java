package io.loopscope.ui.engine;

/**
 * Prompts for models without a tokenizer are token ids, written "3 14 15" or "3,14,15" — the way the
 * command line's --ids takes them.
 */
public final class PromptIds {
    private PromptIds() {
    }

    public static long[] parse(String prompt, int vocab) {
        String text = prompt == null ? "" : prompt.strip();
        if (text.isEmpty()) throw new IllegalArgumentException("the prompt is empty; this model has no tokenizer, so type token ids, e.g. 3 14 15");
        String[] parts = text.split("[\\s,]+");
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("this model has no tokenizer, so the prompt must be token ids (e.g. 3 14 15); '"
                        + parts[i] + "' is not a number");
            }
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException("token id " + ids[i] + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        return ids;
    }
}
