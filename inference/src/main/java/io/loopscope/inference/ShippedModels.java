package io.loopscope.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every model this build ships, listed in {@code /io/loopscope/models.json}: its name (what
 * {@code --model NAME} selects), its loop family, its stabilisers, where its files are on the
 * classpath, and the eval summary measured when it was shipped. {@link EmbeddedModel} is the entry
 * named {@value #DEFAULT}.
 */
public final class ShippedModels {
    /** The model a run uses when none is named. */
    public static final String DEFAULT = "embedded";
    static final String INDEX = "/io/loopscope/models.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Accuracy of the answer's argmax after {@code iterations} loop iterations, {@code samples}
     * held-out examples per task and range (what {@code loopscope eval} prints for that r).
     */
    public record Eval(int iterations, int samples, Map<String, Double> inDistribution, Map<String, Double> harder) {
        public Eval {
            if (iterations < 1 || samples < 1) throw new IllegalArgumentException("an eval needs iterations and samples >= 1");
            inDistribution = Map.copyOf(inDistribution);
            harder = Map.copyOf(harder);
            for (Map<String, Double> m : List.of(inDistribution, harder)) {
                for (var e : m.entrySet()) {
                    if (!(e.getValue() >= 0 && e.getValue() <= 1)) throw new IllegalArgumentException("accuracy of " + e.getKey() + " must be in [0, 1], got " + e.getValue());
                }
            }
        }
    }

    /**
     * @param name        what --model NAME selects
     * @param family      "huginn", "slr" or "ouro"
     * @param stabilisers the SLR stabilisers it was trained with (empty for the others)
     * @param resources   the classpath folder of its config.json, model.safetensors and tokenizer.json
     * @param description one line for listings
     * @param eval        measured when it was shipped
     */
    public record Model(String name, String family, List<String> stabilisers, String resources, String description, Eval eval) {
        public Model {
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("a shipped model's name must be lower-case letters, digits and '-', got " + name);
            if (!List.of("huginn", "slr", "ouro").contains(family)) throw new IllegalArgumentException(name + ": unknown family " + family);
            stabilisers = List.copyOf(stabilisers);
            if (resources == null || !resources.startsWith("/") || !resources.endsWith("/")) throw new IllegalArgumentException(name + ": resources must be a classpath folder, got " + resources);
        }

        /** Whether this build carries its files. */
        public boolean available() {
            return EmbeddedModel.available(resources);
        }

        /** Its folder, extracted once per content version under the user's cache. */
        public Path directory() throws IOException {
            return EmbeddedModel.extract(resources, name, EmbeddedModel.cacheRoot());
        }
    }

    private ShippedModels() {
    }

    /** Every shipped model, the default first. */
    public static List<Model> all() {
        try (InputStream in = ShippedModels.class.getResourceAsStream(INDEX)) {
            if (in == null) return List.of();
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("this build's " + INDEX + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The shipped model called name (case as listed), if there is one. */
    public static Optional<Model> byName(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The names, for messages: "embedded, ouro-tasks". */
    public static String names() {
        return String.join(", ", all().stream().map(Model::name).toList());
    }

    static List<Model> parse(JsonNode root) {
        List<Model> out = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            List<String> stabilisers = new ArrayList<>();
            m.path("stabilisers").forEach(s -> stabilisers.add(s.asText()));
            JsonNode e = m.path("eval");
            out.add(new Model(m.path("name").asText(null), m.path("family").asText(null), stabilisers, m.path("resources").asText(null),
                    m.path("description").asText(""), new Eval(e.path("iterations").asInt(), e.path("samples").asInt(), accuracies(e.path("in_distribution")), accuracies(e.path("harder")))));
        }
        if (out.stream().map(Model::name).distinct().count() != out.size()) throw new IllegalArgumentException(INDEX + " names a model twice");
        return out;
    }

    private static Map<String, Double> accuracies(JsonNode n) {
        Map<String, Double> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asDouble(Double.NaN)));
        return out;
    }
}
