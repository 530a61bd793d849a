package io.loopscope.ui.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to a demo file's fields: a field of the wrong type or out of range is an error that
 * names the file, the field's path and the value found — never a silent default.
 */
final class DemoFields {
    private final String id;

    DemoFields(String id) {
        this.id = id;
    }

    IOException bad(String what) {
        return new IOException("demo " + id + ": " + what);
    }

    /** An object field; absent gives an empty object. */
    JsonNode object(JsonNode n, String field, String path) throws IOException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (!v.isObject()) throw bad(path + " must be an object {…}, not " + shown(v));
        return v;
    }

    /** A list field; absent gives an empty list. */
    List<JsonNode> array(JsonNode n, String field, String path) throws IOException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) return List.of();
        if (!v.isArray()) throw bad(path + " must be a list […], not " + shown(v));
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** Each element of a list field as an object. */
    List<JsonNode> objects(JsonNode n, String field, String path) throws IOException {
        List<JsonNode> out = array(n, field, path);
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).isObject()) throw bad(path + "[" + (i + 1) + "] must be an object {…}, not " + shown(out.get(i)));
        }
        return out;
    }

    String text(JsonNode n, String field, String path, String fallback) throws IOException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) return fallback;
        if (!v.isTextual()) throw bad(path + " must be text, not " + shown(v));
        return v.asText();
    }

    String required(JsonNode n, String field, String path) throws IOException {
        String v = text(n, field, path, "");
        if (v.isBlank()) throw bad("'" + path + "' is missing");
        return v;
    }

    int integer(JsonNode n, String field, String path, int fallback, int min, int max) throws IOException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) return fallback;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw bad(path + " must be a whole number, not " + shown(v));
        if (v.asInt() < min || v.asInt() > max) throw bad(path + " must be " + min + ".." + max + ", not " + v.asInt());
        return v.asInt();
    }

    double positive(JsonNode n, String field, String path, double fallback) throws IOException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) return fallback;
        if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) throw bad(path + " must be a positive number, not " + shown(v));
        return v.asDouble();
    }

    boolean bool(JsonNode n, String field, String path, boolean fallback) throws IOException {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) return fallback;
        if (!v.isBoolean()) throw bad(path + " must be true or false, not " + shown(v));
        return v.asBoolean();
    }

    /** A list of whole numbers in [min, max]; a single number is a list of one. */
    List<Integer> integers(JsonNode n, String field, String path, int min, int max) throws IOException {
        JsonNode v = n.path(field);
        List<JsonNode> items = v.isNumber() ? List.of(v) : array(n, field, path);
        List<Integer> out = new ArrayList<>();
        for (JsonNode x : items) {
            if (!x.isIntegralNumber() || !x.canConvertToInt()) throw bad(path + " must hold whole numbers, not " + shown(x));
            if (x.asInt() < min || x.asInt() > max) throw bad(path + " holds " + x.asInt() + ", outside " + min + ".." + max);
            out.add(x.asInt());
        }
        return out;
    }

    List<Long> longs(JsonNode n, String field, String path) throws IOException {
        List<Long> out = new ArrayList<>();
        for (JsonNode x : array(n, field, path)) {
            if (!x.isIntegralNumber() || !x.canConvertToLong()) throw bad(path + " must hold whole numbers, not " + shown(x));
            out.add(x.asLong());
        }
        return out;
    }

    /** How a value appears in a message: its JSON, shortened. */
    static String shown(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "…" : s;
    }
}
