package io.loopscope.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.TextAnchor;
import org.junit.jupiter.api.Test;

/** Token labels at the current points: joined when they would overprint, kept inside the plot. */
class TrajectoryLabelsTest {

    @Test
    void tokensEndingOnTheSameStateShareOneLabelAndRightMostLabelsSitLeftOfTheirPoint() {
        PlaneData plane = new PlaneData(new PcPair(0, 1), "PC1", "PC2", List.of(
                path(17, "[17] h", new double[] {2, -4.6}, new double[] {0.6, 2.1}),
                path(18, "[18] h", new double[] {4, -4.5}, new double[] {-0.4, 2.05}),
                path(19, "[19] ?", new double[] {4.5, 6.0}, new double[] {0.8, -0.4})), 1);
        TrajectoryChart chart = new TrajectoryChart(ChartStyle.of(false));
        chart.setData(plane, 1);
        List<XYTextAnnotation> labels = ((XYPlot) chart.chart().getPlot()).getAnnotations().stream()
                .map(XYTextAnnotation.class::cast).toList();
        assertEquals(2, labels.size());
        assertEquals("[17] h, [18] h", labels.get(0).getText().strip());
        assertEquals(TextAnchor.HALF_ASCENT_LEFT, labels.get(0).getTextAnchor());
        assertEquals("[19] ?", labels.get(1).getText().strip());
        assertEquals(TextAnchor.HALF_ASCENT_RIGHT, labels.get(1).getTextAnchor(), "the right-most point is labelled on its left");

        chart.showUpTo(0);   // at step 0 the starts are apart: one label each
        assertEquals(3, ((XYPlot) chart.chart().getPlot()).getAnnotations().size());
    }

    @Test
    void labelsStartClearOfTheMarkerOnTheirPoint() {
        PlaneData plane = new PlaneData(new PcPair(0, 1), "PC1", "PC2", List.of(
                path(3, "[3] +", new double[] {0, 1}, new double[] {0, 1}),
                path(4, "[4] 5", new double[] {9, 10}, new double[] {9, 10})), 1);
        TrajectoryChart chart = new TrajectoryChart(ChartStyle.of(false));
        chart.setData(plane, 1);
        for (Object o : ((XYPlot) chart.chart().getPlot()).getAnnotations()) {
            XYTextAnnotation label = (XYTextAnnotation) o;
            String text = label.getText();
            String gap = text.substring(0, text.length() - text.stripLeading().length()) + text.substring(text.stripTrailing().length());
            FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(label.getFont());
            // the current-step diamond reaches 7 px from the point, plus its 2 px outline
            assertTrue(metrics.stringWidth(gap) >= 9, label.getText() + ": gap of " + metrics.stringWidth(gap) + " px");
        }
    }

    private static TokenPath path(int token, String label, double[] x, double[] y) {
        return new TokenPath(token, label, x, y, x[x.length - 1], y[y.length - 1], new double[x.length], new String[x.length]);
    }
}
