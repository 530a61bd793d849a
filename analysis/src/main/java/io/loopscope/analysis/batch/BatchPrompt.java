package io.loopscope.analysis.batch;

import java.util.Objects;

/**
 * One prompt of a batch.
 *
 * @param index    its place in the batch (0-based): names its row file, so a resumed batch skips it
 * @param prompt   the text
 * @param category groups rows in the batch figures ("sum 4", a JSONL line's "category"), never null
 * @param label    the expected answer at the prompt's last position, or null when none is known
 */
public record BatchPrompt(int index, String prompt, String category, String label) {
    public BatchPrompt {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(category, "category");
        if (index < 0) throw new IllegalArgumentException("index must be >= 0");
        if (prompt.isEmpty()) throw new IllegalArgumentException("prompt " + index + " is empty");
    }
}
