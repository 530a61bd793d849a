package io.loopscope.ui.chart;

/** Two principal components drawn against each other (0-based; shown 1-based). */
public record PcPair(int x, int y) {
    @Override
    public String toString() {
        return "PC" + (x + 1) + " – PC" + (y + 1);
    }
}
