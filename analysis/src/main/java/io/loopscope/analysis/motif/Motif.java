package io.loopscope.analysis.motif;

/** The shape of one token's trajectory through the loop. See analysis/MOTIFS.md for the rules. */
public enum Motif {
    FIXED_POINT("fixed-point"),
    ORBIT("orbit"),
    SLIDER("slider"),
    DIVERGING("diverging"),
    OTHER("other");

    private final String id;

    Motif(String id) {
        this.id = id;
    }

    /** The name used in output and JSON. */
    public String id() {
        return id;
    }
}
