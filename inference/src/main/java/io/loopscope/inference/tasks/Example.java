package io.loopscope.inference.tasks;

import java.util.Objects;

/**
 * One question of a synthetic task: the prompt a person would type and the characters that answer
 * it. The model answers greedily, one next-token prediction per answer character; because attention
 * is causal, that greedy answer is right exactly when every answer character is the argmax after the
 * prompt plus the answer characters before it (teacher forcing), which is how it is scored.
 *
 * @param task       the task's name
 * @param difficulty the value of the task's difficulty knob this example was drawn at
 * @param prompt     e.g. "4+7+1+9="
 * @param answer     e.g. "1"; "132" for 47+85=
 */
public record Example(String task, int difficulty, String prompt, String answer) {
    public Example {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answer, "answer");
        if (prompt.isEmpty()) throw new IllegalArgumentException("a prompt must not be empty");
        if (answer.isEmpty()) throw new IllegalArgumentException("an answer must not be empty (prompt \"" + prompt + "\")");
    }

    public Example(String task, int difficulty, String prompt, char answer) {
        this(task, difficulty, prompt, String.valueOf(answer));
    }

    /** What the model reads to answer every character: the prompt, then all answer characters but the last. */
    public String teacherForcedInput() {
        return prompt + answer.substring(0, answer.length() - 1);
    }

    /**
     * What the model reads to answer every character and then end the answer: the prompt and the
     * whole answer, whose last position is where the end marker is due.
     */
    public String inputWithEnd() {
        return prompt + answer;
    }
}
