package io.loopscope.inference.tasks;

/** An inclusive range of a task's difficulty knob, e.g. 2..6 operands. */
public record Range(int min, int max) {
    public Range {
        if (min > max) throw new IllegalArgumentException("range min " + min + " > max " + max);
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}
