package io.loopscope.ui.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the workbench remembers between sessions: prompt history (with each prompt's Generate settings and layer recording), recent models, theme. */
public interface Settings {

    List<String> promptHistory();

    void savePromptHistory(List<String> prompts);

    /**
     * The Generate settings each history prompt last ran with ({@link GenerateSettingsJson#encode}),
     * by prompt; a prompt last run in Run mode has none.
     */
    Map<String, String> generateHistory();

    void saveGenerateHistory(Map<String, String> byPrompt);

    /** The history prompts last run with layer states recorded (record layers). */
    List<String> layerHistory();

    void saveLayerHistory(List<String> prompts);

    List<String> recentModels();

    void saveRecentModels(List<String> directories);

    String theme();

    void saveTheme(String theme);

    /** Settings that live only as long as the object (tests, --no-settings). */
    static Settings inMemory() {
        return new Settings() {
            private List<String> prompts = List.of(), models = List.of(), layers = List.of();
            private String theme = "light";
            private Map<String, String> generate = Map.of();

            @Override
            public List<String> promptHistory() {
                return prompts;
            }

            @Override
            public void savePromptHistory(List<String> p) {
                prompts = List.copyOf(p);
            }

            @Override
            public Map<String, String> generateHistory() {
                return generate;
            }

            @Override
            public void saveGenerateHistory(Map<String, String> byPrompt) {
                generate = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byPrompt));
            }

            @Override
            public List<String> layerHistory() {
                return layers;
            }

            @Override
            public void saveLayerHistory(List<String> p) {
                layers = List.copyOf(p);
            }

            @Override
            public List<String> recentModels() {
                return models;
            }

            @Override
            public void saveRecentModels(List<String> d) {
                models = List.copyOf(d);
            }

            @Override
            public String theme() {
                return theme;
            }

            @Override
            public void saveTheme(String t) {
                theme = t;
            }
        };
    }
}
