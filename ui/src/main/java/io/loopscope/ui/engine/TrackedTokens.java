package io.loopscope.ui.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens the Ranks view tracks, as typed: pieces separated by spaces or commas, each piece the
 * tokens the run's tokenizer makes of it ("142" is 1, 4 and 2 to a character tokenizer), or "#17"
 * for token id 17 — the way to name a space, a comma or a token that has no text of its own.
 */
public final class TrackedTokens {
    /** More lines than this cannot be told apart by colour. */
    public static final int MAX = 6;

    private TrackedTokens() {
    }

    /**
     * What the view tracks at position t until the user types other tokens: the tokens the trace
     * recorded ranks for (trace --rank-tokens), else each lens's final guess there and the answer —
     * the model's final guess at the last position (its next token).
     */
    public static long[] defaults(RunResult r, int t) {
        if (r.trace().ranks() != null) return java.util.Arrays.stream(r.trace().ranks().ids()).limit(MAX).toArray();
        List<Long> ids = new ArrayList<>();
        int last = r.tokens() - 1;
        for (LensKind kind : LensKind.values()) {
            if (r.analysis().hasLens(kind)) add(ids, r.analysis().lens(kind).topId(r.analysis().ranSteps(t), t, 0));
        }
        if (r.analysis().hasLens(LensKind.CODA)) add(ids, r.analysis().lens(LensKind.CODA).topId(r.analysis().ranSteps(last), last, 0));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static void add(List<Long> ids, long id) {
        if (!ids.contains(id)) ids.add(id);
    }

    /** The ids of text, each once, in the order typed; IllegalArgumentException saying which piece is wrong. */
    public static long[] parse(String text, LoadedModel model) {
        List<Long> ids = new ArrayList<>();
        for (String piece : text.strip().split("[\\s,]+")) {
            if (piece.isEmpty()) continue;
            for (long id : idsOf(piece, model)) if (!ids.contains(id)) ids.add(id);
        }
        if (ids.isEmpty()) throw new IllegalArgumentException("type the tokens to track, e.g. 1 4 or #17 for an id");
        if (ids.size() > MAX) {
            throw new IllegalArgumentException("that is " + ids.size() + " tokens; at most " + MAX + " can be told apart in one chart");
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** How an id is typed back: its text when that is one piece of itself, else "#id". */
    public static String spell(long id, LoadedModel model) {
        String s = model.tokenString(id);
        boolean plain = s != null && !s.isEmpty() && !s.startsWith("#") && s.codePoints().noneMatch(c -> Character.isWhitespace(c) || c == ',');
        if (plain && model.hasTokenizer()) {
            try {
                long[] back = model.encode(s);
                if (back.length == 1 && back[0] == id) return s;
            } catch (IllegalArgumentException e) {
                // not typable as text: by id
            }
        }
        return "#" + id;
    }

    private static long[] idsOf(String piece, LoadedModel model) {
        if (piece.matches("#\\d+")) {
            try {
                return new long[] {Long.parseLong(piece.substring(1))};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + piece + "' is not a token id");
            }
        }
        if (!model.hasTokenizer()) {
            throw new IllegalArgumentException("this run has no tokenizer to spell '" + piece + "' with: name tokens by id, e.g. #17");
        }
        try {
            return model.encode(piece);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + piece + "': " + e.getMessage(), e);
        }
    }
}
