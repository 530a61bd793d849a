package io.loopscope.ui.chart;

import io.loopscope.analysis.RankTrajectories;
import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Where tracked tokens rank at one position after every step, under each lens the run has (one
 * panel each, the coda lens first), read at one layer: the block output or a core layer inside the
 * block. Ranks are the analysis's ({@link RankTrajectories}); a core layer has no value at step 0.
 *
 * @param title   "Ranks at [5] = · block output"
 * @param tokens  the tracked tokens as legends write them, in colour order
 * @param panels  one per lens
 * @param lastStep R
 * @param vocab   V, the rank of the last place (0 when the run did not record it)
 */
public record RankChartData(String title, List<String> tokens, List<Panel> panels, int lastStep, int vocab) {

    /** @param ranks per tracked token (in {@link #tokens} order) its rank after steps 0..R, NaN where there is none */
    public record Panel(LensKind lens, List<double[]> ranks) {
        public Panel {
            ranks = List.copyOf(ranks);
        }
    }

    public RankChartData {
        tokens = List.copyOf(tokens);
        panels = List.copyOf(panels);
    }

    /** How a layer reads in titles and the view's choice: "block output" (layer 0) or "core layer 1 of 4". */
    public static String layerName(int layer, int layers) {
        if (layer == RankTrajectories.BLOCK_OUTPUT) return layers > 0 ? "block output (core layer " + layers + " of " + layers + ")" : "block output";
        return "core layer " + layer + " of " + layers;
    }

    /** Token t's ranks of ids at layer in run r, from ranks that cover them. */
    public static RankChartData of(RunResult r, RankTrajectories ranks, int t, long[] ids, int layer) {
        List<String> names = new ArrayList<>();
        for (long id : ids) names.add("'" + TokenLabels.display(r.tokenString(id)) + "'");
        List<Panel> panels = new ArrayList<>();
        for (LensKind kind : LensKind.values()) {
            RankTrajectories.Lens lens = kind == LensKind.CODA ? RankTrajectories.Lens.CODA : RankTrajectories.Lens.LOGIT;
            if (!ranks.has(lens)) continue;
            List<double[]> lines = new ArrayList<>();
            for (long id : ids) lines.add(ranks.series(lens, layer, t, id));
            panels.add(new Panel(kind, lines));
        }
        String title = "Ranks at " + TokenLabels.label(t, r.tokenStrings().get(t)) + " · " + layerName(layer, ranks.layers());
        int vocab = r.trace().logits() == null ? 0 : r.trace().logits().dim(1);
        return new RankChartData(title, names, panels, ranks.steps() - 1, vocab);
    }
}
