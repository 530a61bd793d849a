package io.loopscope.inference.checkpoint;

import java.util.List;

/** A checkpoint that cannot be used, with every problem found (not just the first). */
public final class CheckpointException extends Exception {
    private final List<String> problems;

    public CheckpointException(String message) {
        this(List.of(message));
    }

    public CheckpointException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) return problems.getFirst();
        StringBuilder sb = new StringBuilder(problems.size() + " problems in the checkpoint:");
        for (String p : problems) sb.append("\n  - ").append(p);
        return sb.toString();
    }
}
