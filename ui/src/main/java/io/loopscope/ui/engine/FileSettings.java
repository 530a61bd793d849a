package io.loopscope.ui.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Settings in a small properties file (~/.loopscope/workbench.properties). A file rather than
 * java.util.prefs so users can see, copy and delete it; a broken file is ignored, never fatal.
 */
public final class FileSettings implements Settings {
    private static final int MAX_ITEMS = 30;
    private final Path file;
    private final Properties props = new Properties();

    public FileSettings(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                props.clear(); // a damaged settings file only costs the history
            }
        }
    }

    public static FileSettings inUserHome() {
        return new FileSettings(Path.of(System.getProperty("user.home"), ".loopscope", "workbench.properties"));
    }

    @Override
    public List<String> promptHistory() {
        return list("prompt");
    }

    @Override
    public void savePromptHistory(List<String> prompts) {
        putList("prompt", prompts);
    }

    /** Pairs generate.N.prompt / generate.N.settings: a prompt can hold any character, so it is a value, not a key. */
    @Override
    public Map<String, String> generateHistory() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < MAX_ITEMS; i++) {
            String prompt = props.getProperty("generate." + i + ".prompt"), settings = props.getProperty("generate." + i + ".settings");
            if (prompt == null || settings == null) break;
            out.put(prompt, settings);
        }
        return out;
    }

    @Override
    public void saveGenerateHistory(Map<String, String> byPrompt) {
        for (int i = 0; i < MAX_ITEMS; i++) {
            props.remove("generate." + i + ".prompt");
            props.remove("generate." + i + ".settings");
        }
        int i = 0;
        for (Map.Entry<String, String> e : byPrompt.entrySet()) {
            if (i == MAX_ITEMS) break;
            props.setProperty("generate." + i + ".prompt", e.getKey());
            props.setProperty("generate." + i + ".settings", e.getValue());
            i++;
        }
        store();
    }

    @Override
    public List<String> layerHistory() {
        return list("layers");
    }

    @Override
    public void saveLayerHistory(List<String> prompts) {
        putList("layers", prompts);
    }

    @Override
    public List<String> recentModels() {
        return list("model");
    }

    @Override
    public void saveRecentModels(List<String> directories) {
        putList("model", directories);
    }

    @Override
    public String theme() {
        return props.getProperty("theme", "light");
    }

    @Override
    public void saveTheme(String theme) {
        props.setProperty("theme", theme);
        store();
    }

    private List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < MAX_ITEMS; i++) {
            String v = props.getProperty(prefix + "." + i);
            if (v == null) break;
            out.add(v);
        }
        return out;
    }

    private void putList(String prefix, List<String> values) {
        for (int i = 0; i < MAX_ITEMS; i++) props.remove(prefix + "." + i);
        for (int i = 0; i < Math.min(MAX_ITEMS, values.size()); i++) props.setProperty(prefix + "." + i, values.get(i));
        store();
    }

    private void store() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                props.store(w, "LoopScope workbench");
            }
        } catch (IOException e) {
            // not being able to remember history must not interrupt work
        }
    }
}
