package io.loopscope.inference.tasks;

import java.util.Objects;

/**
 * One question of a synthetic task: the prompt a person would type and the single character that
 * answers it. Every task's answer is one character, so the model answers with one next-token
 * prediction at the prompt's last position and accuracy is an argmax check.
 *
 * @param task       the task's name
 * @param difficulty the value of the task's difficulty knob this example was drawn at
 * @param prompt     e.g. "4+7+1+9="
 * @param answer     e.g. '1'
 */
public record Example(String task, int difficulty, String prompt, char answer) {
    public Example {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isEmpty()) throw new IllegalArgumentException("a prompt must not be empty");
    }
}
