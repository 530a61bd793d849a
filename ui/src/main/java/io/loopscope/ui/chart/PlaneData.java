package io.loopscope.ui.chart;

import java.util.List;

/**
 * Everything one trajectory panel draws: the plane, axis labels carrying explained variance, and the
 * selected tokens' paths. Immutable, so a chart builder can turn it into a dataset off the FX thread.
 */
public record PlaneData(PcPair pair, String xLabel, String yLabel, List<TokenPath> paths, int lastStep) {
    public PlaneData {
        paths = List.copyOf(paths);
    }
}
