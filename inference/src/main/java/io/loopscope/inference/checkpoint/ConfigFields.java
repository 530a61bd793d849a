package io.loopscope.inference.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed access to the fields of one config.json object that collects problems and warnings instead
 * of throwing at the first, and remembers which fields were consumed so the rest can be reported.
 */
final class ConfigFields {
    private final JsonNode root;
    private final String source;
    private final String family;   // whose defaults fill missing fields, for messages
    private final String prefix;   // "" at the top, "slr." inside the "slr" object: how messages name fields
    private final Set<String> consumed = new HashSet<>();
    private final List<String> problems;
    private final List<String> warnings;

    ConfigFields(JsonNode root, String source) {
        this(root, source, "Huginn");
    }

    ConfigFields(JsonNode root, String source, String family) {
        this(root, source, family, "", new ArrayList<>(), new ArrayList<>());
    }

    private ConfigFields(JsonNode root, String source, String family, String prefix, List<String> problems, List<String> warnings) {
        this.root = root;
        this.source = source;
        this.family = family;
        this.prefix = prefix;
        this.problems = problems;
        this.warnings = warnings;
    }

    /** The fields of the object under name (which must be an object), reporting into this one's problems as "name.field". */
    ConfigFields nested(String name, JsonNode object) {
        return new ConfigFields(object, source, family, prefix + name + ".", problems, warnings);
    }

    /** How messages name a field: with the object it sits in, e.g. "slr.loop_lora_rank". */
    String label(String name) {
        return prefix + name;
    }

    /** The names of every field of this object. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        root.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A field's raw JSON (null when absent), marked as read. */
    JsonNode raw(String name) {
        consumed.add(name);
        return root.get(name);
    }

    String source() {
        return source;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    void problem(String message) {
        problems.add(source + ": " + message);
    }

    void warn(String message) {
        warnings.add(source + ": " + message);
    }

    /** Problems found so far (in this object and every nested one). */
    int problemCount() {
        return problems.size();
    }

    boolean hasProblemAbout(String field) {
        return problems.stream().anyMatch(p -> p.startsWith(source + ": " + label(field) + " "));
    }

    void throwIfProblems() throws CheckpointException {
        if (!problems.isEmpty()) throw new CheckpointException(problems);
    }

    /** The first of names present (they are aliases; all present ones must agree); null and a problem when none is. */
    Integer requiredInt(String... names) {
        Integer v = aliasedInt(names);
        if (v == null && Arrays.stream(names).noneMatch(this::hasProblemAbout)) {
            problem(label(names[0]) + " is missing" + (names.length > 1 ? " (also looked for " + String.join(", ", Arrays.copyOfRange(names, 1, names.length)) + ")" : ""));
        }
        return v;
    }

    Integer optionalInt(String name, Integer fallback) {
        Integer v = aliasedInt(name);
        return v != null || root.has(name) ? v : fallback;
    }

    Integer defaultedInt(String name, int fallback) {
        if (!root.has(name)) {
            warn(label(name) + " is missing; using " + fallback + " (" + family + "'s default)");
            return fallback;
        }
        return aliasedInt(name);
    }

    Double optionalDouble(String name) {
        consumed.add(name);
        JsonNode n = root.get(name);
        if (n == null) return null;
        if (!n.isNumber()) {
            problem(label(name) + " must be a number, got " + n);
            return null;
        }
        return n.asDouble();
    }

    Double defaultedDouble(String name, double fallback) {
        if (!root.has(name)) {
            consumed.add(name);
            warn(label(name) + " is missing; using " + fallback + " (" + family + "'s default)");
            return fallback;
        }
        return optionalDouble(name);
    }

    Boolean defaultedBool(String name, boolean fallback) {
        return defaultedBool(name, null, fallback);
    }

    /** A boolean under name or its alias; when both are present they must agree. */
    Boolean defaultedBool(String name, String alias, boolean fallback) {
        Boolean a = bool(name);
        Boolean b = alias == null ? null : bool(alias);
        if (a != null && b != null && !a.equals(b)) {
            problem(label(name) + " " + a + " and " + alias + " " + b + " disagree");
            return null;
        }
        if (a != null || b != null) return a != null ? a : b;
        if (hasProblemAbout(name) || (alias != null && hasProblemAbout(alias))) return null;
        if (!root.has(name) && (alias == null || !root.has(alias))) warn(label(name) + " is missing; using " + fallback + " (" + family + "'s default)");
        return fallback;
    }

    /** A string that must be one of allowed; a missing field means Huginn's default. */
    String requireChoice(String name, String fallback, String... allowed) {
        consumed.add(name);
        JsonNode n = root.get(name);
        if (n == null) return fallback;
        String supported = Arrays.stream(allowed).map(s -> "\"" + s + "\"").collect(Collectors.joining(" or "));
        if (!n.isTextual()) {
            problem(label(name) + " must be a string, got " + n + " (LoopScope runs " + supported + ")");
            return null;
        }
        if (Arrays.asList(allowed).contains(n.asText())) return n.asText();
        problem(label(name) + " \"" + n.asText() + "\" is not supported (LoopScope runs " + supported + ")");
        return null;
    }

    /** Every field nobody consumed and that is not in ignored becomes a warning. */
    void warnAboutUnknownFields(Set<String> ignored) {
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!consumed.contains(e.getKey()) && !ignored.contains(e.getKey())) {
                warn("unknown field \"" + label(e.getKey()) + "\" ignored");
            }
        }
    }

    private Integer aliasedInt(String... names) {
        Integer value = null;
        String from = null;
        for (String name : names) {
            consumed.add(name);
            JsonNode n = root.get(name);
            if (n == null) continue;
            Integer v = integer(name, n);
            if (v == null) return null;
            if (value != null && !value.equals(v)) {
                problem(label(from) + " " + value + " and " + name + " " + v + " disagree");
                return null;
            }
            if (value == null) {
                value = v;
                from = name;
            }
        }
        return value;
    }

    private Integer integer(String name, JsonNode n) {
        boolean integral = n.isIntegralNumber() || (n.isFloatingPointNumber() && n.asDouble() == Math.rint(n.asDouble()));
        if (!integral || n.asDouble() > Integer.MAX_VALUE || n.asDouble() < Integer.MIN_VALUE) {
            problem(label(name) + " must be an integer, got " + n);
            return null;
        }
        return (int) n.asDouble();
    }

    private Boolean bool(String name) {
        consumed.add(name);
        JsonNode n = root.get(name);
        if (n == null) return null;
        if (!n.isBoolean()) {
            problem(label(name) + " must be true or false, got " + n);
            return null;
        }
        return n.asBoolean();
    }
}
