package io.loopscope.analysis.probe;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a probe predicts from the state. */
public enum ProbeLabel {
    /** The answer, at the prompt's last position. */
    ANSWER("answer"),
    /** A running total of sum or count, at the position it is defined. */
    RUNNING("running"),
    /** The letter a hop of hops reaches, at its '>'. */
    HOP("hop"),
    /** The iteration index itself: how long the loop has run, read off the state at the answer position. */
    ITERATION("iteration");

    private final String id;

    ProbeLabel(String id) {
        this.id = id;
    }

    /** As on the command line and in the curve's JSON, e.g. "running". */
    public String id() {
        return id;
    }

    public static ProbeLabel byId(String id) {
        for (ProbeLabel l : values()) if (l.id.equalsIgnoreCase(id.trim())) return l;
        throw new IllegalArgumentException("unknown label '" + id + "'; labels: "
                + Arrays.stream(values()).map(ProbeLabel::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
