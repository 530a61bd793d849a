package io.loopscope.ui.session;

import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.ProbeResult;
import io.loopscope.ui.engine.RunSpec.InitMode;
import java.util.List;

/**
 * What was on screen besides the runs themselves: analysis settings, selection and view choices.
 *
 * @param criterion   exit criterion id of the metrics and chips
 * @param threshold   its threshold
 * @param tokens      selected tokens
 * @param focus       the focused token
 * @param step        the focused step (slider, heatmap marker, lens row)
 * @param view        the open tab: a {@link io.loopscope.ui.views.ViewType} id ("trajectories", "heatmap", …, "steps")
 * @param pair        the trajectory plane
 * @param paperPanels the three paper panels instead of one plane
 * @param colouring   the token chips' colouring (enum name)
 * @param compare     Compare's settings for run B
 * @param theme       "light" or "dark"
 * @param ranks       the Ranks view's tracked tokens and layer
 * @param probe       the Probes view's settings and last curve, or null
 */
public record ViewState(String criterion, double threshold, List<Integer> tokens, int focus, int step, String view, PcPair pair,
                        boolean paperPanels, String colouring, CompareSettings compare, String theme, RankSettings ranks,
                        ProbeState probe) {

    public ViewState {
        tokens = List.copyOf(tokens);
        ranks = ranks == null ? RankSettings.DEFAULT : ranks;
    }

    /** Without Ranks view settings (its defaults) or a probe: sessions from before those views, and tests. */
    public ViewState(String criterion, double threshold, List<Integer> tokens, int focus, int step, String view, PcPair pair,
                     boolean paperPanels, String colouring, CompareSettings compare, String theme) {
        this(criterion, threshold, tokens, focus, step, view, pair, paperPanels, colouring, compare, theme, RankSettings.DEFAULT, null);
    }

    /**
     * The Ranks view's choices.
     *
     * @param tokens the tracked tokens as typed ("" for the defaults)
     * @param layer  0 for the block output, j for core layer j
     */
    public record RankSettings(String tokens, int layer) {
        public static final RankSettings DEFAULT = new RankSettings("", 0);

        public RankSettings {
            tokens = tokens == null ? "" : tokens;
            if (layer < 0) throw new IllegalArgumentException("a layer is 0 (the block output) or a core layer 1.., got " + layer);
        }
    }

    /**
     * Compare's run-B settings and plane.
     *
     * @param model      model of run B (null: the same as A)
     */
    public record CompareSettings(ModelRef model, int iterations, InitMode init, long seed, PcPair pair) {
    }

    /**
     * The Probes view: its settings as typed (when they could run) and its last probe.
     *
     * @param form the settings in the view, or null
     * @param last the last probe's result, or null
     */
    public record ProbeState(ProbeSettings form, ProbeResult last) {
    }
}
