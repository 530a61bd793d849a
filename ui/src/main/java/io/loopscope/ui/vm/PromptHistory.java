package io.loopscope.ui.vm;

import java.util.ArrayList;
import java.util.List;

/**
 * Shell-like prompt history: ↑ walks back through earlier prompts, ↓ forward, and walking past the
 * newest returns to what was being typed.
 */
public final class PromptHistory {
    private static final int MAX = 30;
    private final List<String> entries = new ArrayList<>(); // newest first
    private int cursor = -1;                                // -1: the draft being typed
    private String draft = "";

    public PromptHistory(List<String> initial) {
        for (String s : initial) if (!s.isBlank() && !entries.contains(s)) entries.add(s);
    }

    public List<String> entries() {
        return List.copyOf(entries);
    }

    /** Records a prompt that was run (moves it to the front) and resets the walk. */
    public void add(String prompt) {
        if (prompt == null || prompt.isBlank()) return;
        entries.remove(prompt);
        entries.addFirst(prompt);
        while (entries.size() > MAX) entries.removeLast();
        cursor = -1;
    }

    /** The older prompt for ↑, given what is in the field now. */
    public String previous(String current) {
        if (entries.isEmpty()) return current;
        if (cursor == -1) draft = current;
        cursor = Math.min(cursor + 1, entries.size() - 1);
        return entries.get(cursor);
    }

    /** The newer prompt for ↓ (the draft after the newest). */
    public String next(String current) {
        if (cursor == -1) return current;
        if (cursor == 0) {
            cursor = -1;
            return draft;
        }
        cursor--;
        return entries.get(cursor);
    }
}
