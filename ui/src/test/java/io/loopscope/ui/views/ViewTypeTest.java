package io.loopscope.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.analysis.probe.ProbeSource;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.ProbePipeline;
import io.loopscope.ui.engine.ProbeResult;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.figure.Figure;
import io.loopscope.ui.testing.FakeModel;
import io.loopscope.ui.testing.TestRuns;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The view registry: one entry per view, each complete, each drawing its figures from the run. No toolkit. */
class ViewTypeTest {

    private static ViewType.FigureRequest request(RunResult r, RunResult b, List<Integer> tokens, int focus, String name) {
        return new ViewType.FigureRequest(r, b, tokens, focus, -1, ExitCriterion.KL, 5e-4, new PcPair(0, 1), new PcPair(2, 3), false,
                io.loopscope.ui.engine.LensKind.CODA, null, ChartStyle.of(false), name);
    }

    @Test
    void idsShortcutsAndLayoutsAreOnePerView() {
        ViewType[] all = ViewType.values();
        assertEquals(List.of("trajectories", "heatmap", "metrics", "lens", "ranks", "waterfall", "compare", "steps", "probes"), ViewType.ids(),
                "tab order");
        assertEquals(all.length, new HashSet<>(Arrays.stream(all).map(ViewType::accelerator).toList()).size());
        assertEquals(all.length, new HashSet<>(Arrays.stream(all).map(ViewType::title).toList()).size());
        for (ViewType v : all) {
            assertNotNull(ViewType.class.getResource("/io/loopscope/ui/" + v.fxml()), v + " has its layout");
            assertEquals(v, ViewType.byId(v.id()));
            assertEquals("Ctrl+" + (v.ordinal() + 1), v.shortcutLabel());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> ViewType.byId("radar"));
        assertTrue(e.getMessage().contains("unknown view 'radar'; views: [trajectories, heatmap"), e.getMessage());
    }

    @Test
    void everyViewDrawsItsFigures() throws Exception {
        RunResult r = TestRuns.synthetic("abcdef", 12), b = TestRuns.synthetic("abcdef", 20);
        for (ViewType v : ViewType.values()) {
            List<Figure> f = v.figures(request(r, null, List.of(3, 4), -1, null));
            if (v == ViewType.STEPS) assertTrue(f.isEmpty(), "a Run has no steps per token");
            else if (v == ViewType.PROBES) assertTrue(f.isEmpty(), "no probe ran yet");
            else assertEquals(v == ViewType.LENS || v == ViewType.RANKS ? 2 : 1, f.size(), v + ": " + f);
        }
        assertEquals(List.of("trajectories-pc1-pc2"), names(ViewType.TRAJECTORIES.figures(request(r, null, List.of(3), -1, null))));
        assertEquals(List.of("lens"), names(ViewType.LENS.figures(request(r, null, List.of(3, 4), 4, null))), "on screen: the focused token");
        assertEquals(List.of("tour-2-lens-3", "tour-2-lens-4"), names(ViewType.LENS.figures(request(r, null, List.of(3, 4), -1, "tour-2-lens"))));
        assertEquals(List.of("compare-a", "compare-b"), names(ViewType.COMPARE.figures(request(r, b, List.of(3), -1, null))));
        var panels = ViewType.TRAJECTORIES.figures(new ViewType.FigureRequest(r, null, List.of(3), -1, 5, ExitCriterion.KL, 5e-4,
                new PcPair(0, 1), new PcPair(0, 1), true, io.loopscope.ui.engine.LensKind.CODA, null, ChartStyle.of(false), null));
        assertEquals(List.of("trajectories-paper"), names(panels));

        ProbeResult probe = new ProbePipeline(ref -> new FakeModel(0)).run(ModelRef.embeddedModel(),
                new ProbeSettings(new ProbeSource.TaskPrompts("sum", null, 40), ProbeLabel.ANSWER, null, 3, 4, 0), (m, f) -> { }, () -> false);
        var withProbe = new ViewType.FigureRequest(r, null, List.of(3), -1, -1, ExitCriterion.KL, 5e-4, new PcPair(0, 1), new PcPair(0, 1),
                false, io.loopscope.ui.engine.LensKind.CODA, null, ChartStyle.of(false), null, probe);
        assertEquals(List.of("probe-answer"), names(ViewType.PROBES.figures(withProbe)), "the last probe, whatever the run");

        var shown = io.loopscope.ui.chart.RankChartData.of(r, r.ranks(new long[] {2}, () -> false), 3, new long[] {2}, 0);
        var onScreen = ViewType.RANKS.figures(new ViewType.FigureRequest(r, null, List.of(3, 4), 3, -1, ExitCriterion.KL, 5e-4,
                new PcPair(0, 1), new PcPair(0, 1), false, io.loopscope.ui.engine.LensKind.CODA, shown, ChartStyle.of(false), null));
        assertEquals(List.of("ranks"), names(onScreen), "the chart on screen, not each token's defaults");
        assertEquals(List.of("tour-1-ranks-3", "tour-1-ranks-4"), names(ViewType.RANKS.figures(request(r, null, List.of(3, 4), -1, "tour-1-ranks"))));

        RunResult g = TestRuns.generated("abc", 8, 4);
        assertEquals(List.of(), ViewType.RANKS.figures(request(g, null, List.of(3), -1, null)), "a generation's ranks cannot be read again");
        assertEquals(List.of("steps-per-token"), names(ViewType.STEPS.figures(request(g, null, List.of(3), -1, null))));
    }

    @Test
    void aStepPastTheEndShowsEachRunsEnd() {
        RunResult r = TestRuns.synthetic("abcdef", 12);
        assertEquals(12, ViewType.FigureRequest.upTo(-1, r));
        assertEquals(12, ViewType.FigureRequest.upTo(40, r));
        assertEquals(4, ViewType.FigureRequest.upTo(4, r));
    }

    private static List<String> names(List<Figure> f) {
        return f.stream().map(Figure::name).toList();
    }
}
