package io.loopscope.ui.chart;

import io.loopscope.ui.engine.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Which probe of a result with layer probes the chart draws: the block output's (with its control and
 * the lens), one loop layer's (with that layer's control), or every layer's at once (a curve per layer,
 * and the highest control of any layer).
 *
 * @param layer a loop layer (0-based), or {@link #BLOCK_OUTPUT} or {@link #EVERY_LAYER}
 */
public record ProbeLayerView(int layer) {
    static final int BLOCK_OUTPUT = -1, EVERY_LAYER = -2;
    public static final ProbeLayerView BLOCK = new ProbeLayerView(BLOCK_OUTPUT);
    public static final ProbeLayerView EVERY = new ProbeLayerView(EVERY_LAYER);

    public ProbeLayerView {
        if (layer < EVERY_LAYER) throw new IllegalArgumentException("a probe's layer view is a loop layer (from 0), the block output or every layer, got " + layer);
    }

    public static ProbeLayerView of(int layer) {
        if (layer < 0) throw new IllegalArgumentException("loop layers count from 0, got " + layer);
        return new ProbeLayerView(layer);
    }

    public boolean isLayer() {
        return layer >= 0;
    }

    /** What a result offers: nothing to choose without layer probes, else every layer, the block output and each layer. */
    public static List<ProbeLayerView> choices(ProbeResult r) {
        if (r == null || !r.curve().hasLayers()) return List.of();
        List<ProbeLayerView> out = new ArrayList<>(List.of(EVERY, BLOCK));
        for (int j : r.curve().layers()) out.add(of(j));
        return List.copyOf(out);
    }

    /** The view a result opens in: every layer when it has layer probes, else the block output. */
    public static ProbeLayerView defaultFor(ProbeResult r) {
        return r != null && r.curve().hasLayers() ? EVERY : BLOCK;
    }

    /** Whether r can be drawn this way. */
    public boolean fits(ProbeResult r) {
        return layer == BLOCK_OUTPUT || r != null && r.curve().hasLayers() && (layer == EVERY_LAYER || r.curve().layers().contains(layer));
    }

    /**
     * "every layer", "block output", "core layer 1": the choice box's items. On screen core layers count
     * from 1, as in the Ranks view; probe --layers and its JSON count from 0, as layer_states does.
     */
    @Override
    public String toString() {
        return switch (layer) {
            case BLOCK_OUTPUT -> "block output";
            case EVERY_LAYER -> "every layer";
            default -> name(layer);
        };
    }

    /** "core layer 1" for loop layer 0. */
    public static String name(int layer) {
        return "core layer " + (layer + 1);
    }
}
