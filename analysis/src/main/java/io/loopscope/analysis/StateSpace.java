package io.loopscope.analysis;

/** Which version of the recorded states an analysis looks at. */
public enum StateSpace {
    /** The states as the loop produced them (before the final norm). */
    RAW("raw"),
    /** ln_f applied, x·rsqrt(mean(x²)+eps)·w, as the Huginn paper plots them. */
    NORMALIZED("normalized");

    private final String id;

    StateSpace(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static StateSpace byId(String id) {
        for (StateSpace s : values()) {
            if (s.id.equalsIgnoreCase(id.trim())) return s;
        }
        throw new IllegalArgumentException("unknown state space '" + id + "'; use raw or normalized");
    }
}
