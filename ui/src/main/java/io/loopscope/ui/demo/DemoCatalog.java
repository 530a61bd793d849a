package io.loopscope.ui.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shipped demos: sample-prompts/demos/*.json, copied into the ui jar under
 * /io/loopscope/demos/ with an index.txt listing them in menu order (a jar cannot be listed).
 */
public final class DemoCatalog {
    static final String RESOURCES = "/io/loopscope/demos/";

    private DemoCatalog() {
    }

    /** The demos in this build, in the index's order. */
    public static List<Demo> shipped() throws IOException {
        List<Demo> out = new ArrayList<>();
        for (String id : index()) out.add(byName(id));
        return List.copyOf(out);
    }

    /** The ids listed in index.txt. */
    public static List<String> index() throws IOException {
        try (InputStream in = DemoCatalog.class.getResourceAsStream(RESOURCES + "index.txt")) {
            if (in == null) return List.of();
            List<String> ids = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) ids.add(t);
                }
            }
            return ids;
        }
    }

    /** A shipped demo by id, or a demo file by path. */
    public static Demo byName(String name) throws IOException {
        Path p = Path.of(name);
        if (name.endsWith(".json") && Files.isRegularFile(p)) {
            try (InputStream in = Files.newInputStream(p)) {
                return DemoReader.read(p.getFileName().toString().replaceFirst("\\.json$", ""), in);
            }
        }
        try (InputStream in = DemoCatalog.class.getResourceAsStream(RESOURCES + name + ".json")) {
            if (in == null) throw new IOException("no demo called '" + name + "'; demos: " + String.join(", ", index()));
            return DemoReader.read(name, in);
        }
    }

    /** Every demo file of a folder (tests check the shipped folder against the index). */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
