package io.loopscope.inference.tasks;

/** An inclusive range of a task's difficulty knob, e.g. 2..6 operands. */
public record Range(int min, int max) {
    public Range {
        if (min > max) throw new IllegalArgumentException("range min " + min + " > max " + max);
    }

    /** "N" or "MIN..MAX" as typed on a command line; option names the option in the error. */
    public static Range parse(String text, String option) {
        String[] parts = text.strip().split("\\.\\.", -1);
        try {
            if (parts.length > 2) throw new NumberFormatException();
            int min = Integer.parseInt(parts[0].strip()), max = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : min;
            return new Range(min, max);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be N or MIN..MAX, got '" + text + "'");
        }
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}
