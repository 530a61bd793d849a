package io.loopscope.ui.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Which tokens are selected and which step is in focus — the one piece of state every view follows.
 * Selections are replaced as a whole (one change event per click), so views redraw once, not per token.
 */
public final class Selection {
    private final ReadOnlyObjectWrapper<List<Integer>> tokens = new ReadOnlyObjectWrapper<>(List.of());
    /** The token single-token views show (lens table, motif card): the last one clicked. */
    private final IntegerProperty focus = new SimpleIntegerProperty(-1);
    /** The step the slider, heatmap and lens table point at (0..R; R after a new run). */
    private final IntegerProperty step = new SimpleIntegerProperty(0);
    private int anchor = -1;
    private int tokenCount;

    public ReadOnlyObjectProperty<List<Integer>> tokensProperty() { return tokens.getReadOnlyProperty(); }
    public IntegerProperty focusProperty() { return focus; }
    public IntegerProperty stepProperty() { return step; }

    public List<Integer> tokens() {
        return tokens.get();
    }

    public int focus() {
        return focus.get();
    }

    /** A new run: selects the given default tokens and forgets the anchor. */
    public void reset(int tokenCount, int lastStep, List<Integer> initial) {
        this.tokenCount = tokenCount;
        anchor = initial.isEmpty() ? -1 : initial.getLast();
        step.set(lastStep);
        set(initial);
    }

    /** A saved selection (a reopened session or a demo step): tokens outside the run are dropped. */
    public void restore(int tokenCount, List<Integer> selected, int focused, int atStep) {
        this.tokenCount = tokenCount;
        List<Integer> keep = new ArrayList<>(new TreeSet<>(selected.stream().filter(t -> t >= 0 && t < tokenCount).toList()));
        if (keep.isEmpty()) return;
        anchor = keep.contains(focused) ? focused : keep.getLast();
        tokens.set(List.copyOf(keep));
        focus.set(anchor);
        step.set(Math.max(0, atStep));
    }

    /** Plain click: only this token. */
    public void select(int token) {
        anchor = token;
        set(List.of(token));
    }

    /** Ctrl-click: adds or removes the token, keeping at least one selected. */
    public void toggle(int token) {
        TreeSet<Integer> s = new TreeSet<>(tokens.get());
        if (!s.remove(token)) s.add(token);
        if (s.isEmpty()) s.add(token);
        anchor = token;
        focusAfter(new ArrayList<>(s), token);
    }

    /** Shift-click: the range from the last clicked token to this one. */
    public void extendTo(int token) {
        if (anchor < 0) {
            select(token);
            return;
        }
        List<Integer> range = new ArrayList<>();
        for (int i = Math.min(anchor, token); i <= Math.max(anchor, token); i++) range.add(i);
        focusAfter(range, token);
    }

    /** Click with modifiers, as chips and heatmap rows report it. */
    public void click(int token, boolean ctrl, boolean shift) {
        if (token < 0 || (tokenCount > 0 && token >= tokenCount)) return;
        if (shift) extendTo(token);
        else if (ctrl) toggle(token);
        else select(token);
    }

    private void set(List<Integer> list) {
        tokens.set(List.copyOf(list));
        focus.set(list.isEmpty() ? -1 : list.getLast());
    }

    private void focusAfter(List<Integer> list, int clicked) {
        tokens.set(List.copyOf(list));
        focus.set(list.contains(clicked) ? clicked : list.getLast());
    }
}
