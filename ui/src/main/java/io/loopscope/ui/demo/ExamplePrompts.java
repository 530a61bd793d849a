package io.loopscope.ui.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded model's example prompts: sample-prompts/tasks.txt (copied into the ui jar as
 * /io/loopscope/sample-prompts/tasks.txt), one line per task and difficulty, "prompt TAB answer TAB
 * task difficulty (trained|harder)".
 */
public final class ExamplePrompts {
    static final String RESOURCE = "/io/loopscope/sample-prompts/tasks.txt";

    /**
     * One example.
     *
     * @param task       "sum", "add", "hops", "count" or "copy"
     * @param prompt     what to type
     * @param answer     the right answer (its first character is the model's next token)
     * @param difficulty e.g. "operands=4"
     * @param trained    whether the difficulty is inside the training range (else held out, harder)
     */
    public record Example(String task, String prompt, String answer, String difficulty, boolean trained) {
    }

    private ExamplePrompts() {
    }

    /** Every example of this build, in the file's order (empty when the build has none). */
    public static List<Example> shipped() throws IOException {
        try (InputStream in = ExamplePrompts.class.getResourceAsStream(RESOURCE)) {
            return in == null ? List.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Parses tasks.txt; lines that are blank or start with # are skipped, a malformed line is named. */
    public static List<Example> parse(String text) throws IOException {
        List<Example> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            String[] what = f.length == 3 ? f[2].strip().split(" ") : new String[0];
            if (what.length != 3 || f[0].isEmpty()) {
                throw new IOException("tasks.txt line " + (i + 1) + ": expected 'prompt TAB answer TAB task difficulty (trained|harder)', got '" + line + "'");
            }
            out.add(new Example(what[0], f[0], f[1], what[1], what[2].equals("(trained)")));
        }
        return List.copyOf(out);
    }

    /**
     * One example per task, in the order the tasks first appear: the hardest one inside the training
     * range — the most thinking the model was taught to do (the first example when none is trained).
     */
    public static List<Example> onePerTask(List<Example> all) {
        Map<String, Example> pick = new LinkedHashMap<>();
        for (Example e : all) {
            Example had = pick.get(e.task());
            if (had == null || e.trained()) pick.put(e.task(), e); // the file goes from easy to hard
        }
        return List.copyOf(pick.values());
    }
}
