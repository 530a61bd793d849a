package io.loopscope.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The workbench's session file is an NPZ whose runs are traces, with a {@code session.json} entry
 * beside them. Both the workbench and {@code analyze} read sessions, so the one check of that
 * entry's format and version lives here.
 */
public final class SessionFormat {
    public static final String ENTRY = "session.json";
    public static final String FORMAT = "loopscope-session";
    public static final int VERSION = 1;

    private SessionFormat() {
    }

    /** What is wrong with a session.json, or null when this version reads it. */
    public static String problem(String fileName, JsonNode doc) {
        if (doc == null || !doc.isObject()) return fileName + " has a session.json that is not a JSON object";
        if (!FORMAT.equals(doc.path("format").asText())) {
            return fileName + " is not a LoopScope session (format '" + doc.path("format").asText() + "')";
        }
        JsonNode v = doc.path("version");
        if (!v.canConvertToInt() || !v.isIntegralNumber()) return fileName + " has no readable format version";
        if (v.asInt() > VERSION) {
            return fileName + " was saved by a newer LoopScope (" + doc.path("written_by").asText("unknown version") + ", session format "
                    + v.asInt() + "); this version reads formats up to " + VERSION + ". Update LoopScope to open it.";
        }
        if (v.asInt() < 1) return fileName + " has an unknown session format version " + v.asInt();
        return null;
    }

    /** The same check on the entry's text: null when fine. */
    public static String problem(String fileName, String json) {
        try {
            return problem(fileName, new ObjectMapper().readTree(json));
        } catch (java.io.IOException e) {
            return fileName + " has a session.json that is not valid JSON";
        }
    }
}
