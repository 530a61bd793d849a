package io.loopscope.ui.view;

import io.loopscope.ui.views.ViewType;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help → Keyboard shortcuts and Help → About. */
public final class HelpDialogs {
    private HelpDialogs() {
    }

    private static final String[][] FIXED = {
            {"Ctrl+Enter", "Run the prompt (or generate, in Generate mode)"},
            {"Esc", "Cancel the run in flight"},
            {"↑ / ↓ in the prompt", "Earlier / later prompts"},
            {"Ctrl+O", "Open a model folder"},
            {"Click a token", "Select it (every view follows)"},
            {"Ctrl+click", "Add or remove a token"},
            {"Shift+click", "Select a range of tokens"},
            {"Space (trajectories)", "Play / pause the animation"},
            {"← / → (trajectories)", "Step back / forward"},
            null, // the views' shortcuts
            {"Drag (waterfall)", "Rotate; scroll to zoom"},
            {"Ctrl+T", "Toggle light / dark theme"},
            {"F1", "This list"},
            {"Ctrl+Q", "Quit"},
    };

    static final String[][] SHORTCUTS = shortcutTable();

    /** The fixed shortcuts, with one line for the views' (from their registration). */
    private static String[][] shortcutTable() {
        ViewType[] v = ViewType.values();
        String views = v[0].shortcutLabel() + " … " + v[v.length - 1].shortcutLabel();
        String names = java.util.Arrays.stream(v).map(ViewType::shortName).collect(java.util.stream.Collectors.joining(", "));
        String first = names.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + names.substring(1);
        String[][] t = FIXED.clone();
        for (int i = 0; i < t.length; i++) if (t[i] == null) t[i] = new String[] {views, first};
        return t;
    }

    public static Alert shortcuts(Window owner) {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        for (int i = 0; i < SHORTCUTS.length; i++) {
            Label key = new Label(SHORTCUTS[i][0]);
            key.getStyleClass().add("shortcut-key");
            grid.addRow(i, key, new Label(SHORTCUTS[i][1]));
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null) a.initOwner(owner);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(grid);
        return a;
    }

    public static Alert about(Window owner, String version) {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        int row = 0;
        for (Map.Entry<String, String> e : versions(version).entrySet()) grid.addRow(row++, new Label(e.getKey()), new Label(e.getValue()));
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null) a.initOwner(owner);
        a.setTitle("About LoopScope");
        a.setHeaderText("LoopScope " + version + "\nLook inside looped (recurrent-depth) language models:\n"
                + "every iteration of every token, its trajectory, its convergence and what it would say.");
        a.getDialogPane().setContent(grid);
        return a;
    }

    /** Versions of LoopScope and the libraries that matter when reporting a bug. */
    public static Map<String, String> versions(String version) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("LoopScope", version);
        v.put("Java", Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")");
        v.put("JavaFX", System.getProperty("javafx.runtime.version", "?"));
        v.put("ND4J", maven("org.nd4j", "nd4j-api"));
        v.put("Smile", manifest("smile.classification.Classifier"));
        v.put("JFreeChart", maven("org.jfree", "jfreechart"));
        v.put("JFreeChart-FX", maven("org.jfree", "org.jfree.chart.fx"));
        v.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return v;
    }

    /** A library's version from its jar manifest, through one of its classes ("?" when absent). */
    static String manifest(String className) {
        try {
            String v = Class.forName(className, false, HelpDialogs.class.getClassLoader()).getPackage().getImplementationVersion();
            return v == null ? "?" : v;
        } catch (ClassNotFoundException | LinkageError e) {
            return "?";
        }
    }

    /** A library's version from the pom.properties Maven puts in its jar ("?" when absent). */
    static String maven(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = HelpDialogs.class.getResourceAsStream(path)) {
            if (in == null) return "?";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (Exception e) {
            return "?";
        }
    }
}
