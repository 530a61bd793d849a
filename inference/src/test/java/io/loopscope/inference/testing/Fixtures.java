package io.loopscope.inference.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/fixtures (reference data from an independent implementation) from any module. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The huginn-tiny fixture folder, found by walking up from the working directory. */
    public static Path huginnTiny() {
        return find("huginn-tiny");
    }

    /** The ouro-tiny fixture folder (two Ouro-format variants and their independent reference outputs). */
    public static Path ouroTiny() {
        return find("ouro-tiny");
    }

    /** The "cases" of a fixture manifest.json, one JSON object each, for parameterized tests. */
    public static java.util.stream.Stream<com.fasterxml.jackson.databind.JsonNode> cases(Path manifest) throws java.io.IOException {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile()).path("cases").forEach(out::add);
        return out.stream();
    }

    /** Whether the fixture folders can be found (a clone without ../shared has none). */
    public static boolean present() {
        return locate("huginn-tiny") != null && locate("ouro-tiny") != null;
    }

    private static Path find(String name) {
        Path found = locate(name);
        if (found == null) throw new IllegalStateException("shared/fixtures/" + name + " not found above " + Path.of("").toAbsolutePath());
        return found;
    }

    private static Path locate(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            for (Path candidate : new Path[] {p.resolve("shared/fixtures/" + name), p.resolveSibling("shared").resolve("fixtures/" + name)}) {
                if (Files.isRegularFile(candidate.resolve("manifest.json"))) return candidate;
            }
        }
        return null;
    }
}
