package io.loopscope.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONL prompt file ({@code probe --prompts}, {@code batch --prompts}, the workbench's Probes view): one JSON object per line,
 * blank lines skipped; a line that cannot be read is named by its number.
 */
public final class PromptFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One object of the file and where it stands. */
    public record Line(Path file, int number, JsonNode json) {
        public String where() {
            return file + " line " + number;
        }

        /** A text field: null when absent; an error naming the line when required and absent, or not text. */
        public String text(String field, boolean required) {
            JsonNode v = json.path(field);
            if (v.isMissingNode() || v.isNull()) {
                if (required) throw new IllegalArgumentException(where() + " has no \"" + field + "\"");
                return null;
            }
            if (!v.isTextual()) throw new IllegalArgumentException(where() + ": \"" + field + "\" must be text, got " + v);
            if (required && v.asText().isEmpty()) throw new IllegalArgumentException(where() + " has an empty \"" + field + "\"");
            return v.asText();
        }
    }

    private PromptFile() {
    }

    public static List<Line> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            JsonNode n;
            try {
                n = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (!n.isObject()) throw new IllegalArgumentException(file + " line " + (i + 1) + " must be a JSON object {\"prompt\": …}");
            out.add(new Line(file, i + 1, n));
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + " has no prompts");
        return out;
    }
}
