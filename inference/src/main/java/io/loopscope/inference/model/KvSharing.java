package io.loopscope.inference.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a token at loop step k sees of an earlier position that stopped at an earlier step k' &lt; k,
 * in a core attention slot that position never wrote.
 */
public enum KvSharing {
    /** Leave that position out of the attention in that slot. */
    SKIP("skip"),
    /** Use its K/V of the same core layer at its last step k' (Huginn's "latest-m4", any core depth). */
    LATEST("latest");

    private final String id;

    KvSharing(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static KvSharing byId(String id) {
        for (KvSharing s : values()) if (s.id.equalsIgnoreCase(id.trim())) return s;
        throw new IllegalArgumentException("unknown KV sharing '" + id + "'; known: "
                + Arrays.stream(values()).map(KvSharing::id).collect(Collectors.joining(", ")));
    }
}
