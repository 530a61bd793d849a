package io.loopscope.ui.engine;

import java.util.List;

/**
 * A token's motif as the motif card shows it.
 *
 * @param label    fixed-point, orbit, slider, diverging or other
 * @param headline one plain sentence ("contracts 0.83× per step, settled by step 14")
 * @param evidence the numbers behind it, one readable line each
 */
public record MotifSummary(String label, String headline, List<String> evidence) {
    public MotifSummary {
        evidence = List.copyOf(evidence);
    }

    /** The label a person reads ("fixed point" rather than fixed-point). */
    public String displayLabel() {
        return label.replace('-', ' ');
    }
}
