package io.loopscope.ui.vm;

/** The run bar's two modes: one pass over the prompt, or generating an answer token by token. */
public enum RunMode {
    RUN("Run"), GENERATE("Generate");

    private final String label;

    RunMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
