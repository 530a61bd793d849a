package io.loopscope.ui.engine;

import java.util.List;

/** What the workbench remembers between sessions: prompt history, recent models, theme. */
public interface Settings {

    List<String> promptHistory();

    void savePromptHistory(List<String> prompts);

    List<String> recentModels();

    void saveRecentModels(List<String> directories);

    String theme();

    void saveTheme(String theme);

    /** Settings that live only as long as the object (tests, --no-settings). */
    static Settings inMemory() {
        return new Settings() {
            private List<String> prompts = List.of(), models = List.of();
            private String theme = "light";

            @Override
            public List<String> promptHistory() {
                return prompts;
            }

            @Override
            public void savePromptHistory(List<String> p) {
                prompts = List.copyOf(p);
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
